package beian.verify.core.testing;

import beian.verify.core.domain.CaptchaChallenge;
import beian.verify.core.port.out.CaptchaStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Captcha challenges by id. */
public final class InMemoryCaptchaStore extends InMemoryTable<String, CaptchaChallenge> implements CaptchaStore {

    public InMemoryCaptchaStore(InMemoryTransactions tx) {
        super(tx, HashMap::new);
    }

    @Override
    public void save(CaptchaChallenge challenge) {
        rows().put(challenge.id(), challenge);
    }

    @Override
    public Optional<CaptchaChallenge> take(String id) {
        return Optional.ofNullable(rows().remove(id));
    }

    @Override
    public int purgeExpired(Instant now) {
        Map<String, CaptchaChallenge> rows = rows();
        int before = rows.size();
        rows.values().removeIf(c -> !c.expiresAt().isAfter(now));
        return before - rows.size();
    }
}
