package beian.verify.core.testing;

import beian.verify.core.port.out.CaptchaStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The used-marks of captchas: captcha id to the instant the mark is kept until. */
public final class InMemoryCaptchaStore extends InMemoryTable<String, Instant> implements CaptchaStore {

    public InMemoryCaptchaStore(InMemoryTransactions tx) {
        super(tx, HashMap::new);
    }

    @Override
    public boolean markUsed(String captchaId, Instant keepUntil) {
        return rows().putIfAbsent(captchaId, keepUntil) == null;
    }

    @Override
    public int purgeExpired(Instant now) {
        Map<String, Instant> rows = rows();
        int before = rows.size();
        rows.values().removeIf(keepUntil -> !keepUntil.isAfter(now));
        return before - rows.size();
    }
}
