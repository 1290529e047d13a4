package beian.verify.core.testing;

import beian.verify.core.domain.CaptchaChallenge;
import beian.verify.core.port.out.CaptchaStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Captcha challenges by id. */
public final class InMemoryCaptchaStore implements CaptchaStore, InMemoryTransactions.Participant {
    private final InMemoryTransactions tx;
    private Map<String, CaptchaChallenge> rows = new HashMap<>();

    public InMemoryCaptchaStore(InMemoryTransactions tx) {
        this.tx = tx;
        tx.enlist(this);
    }

    @Override
    public void save(CaptchaChallenge challenge) {
        tx.requireTransaction();
        rows.put(challenge.id(), challenge);
    }

    @Override
    public Optional<CaptchaChallenge> take(String id) {
        tx.requireTransaction();
        return Optional.ofNullable(rows.remove(id));
    }

    @Override
    public int purgeExpired(Instant now) {
        tx.requireTransaction();
        int before = rows.size();
        rows.values().removeIf(c -> !c.expiresAt().isAfter(now));
        return before - rows.size();
    }

    @Override
    public Object snapshot() {
        return new HashMap<>(rows);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        rows = new HashMap<>((Map<String, CaptchaChallenge>) snapshot);
    }
}
