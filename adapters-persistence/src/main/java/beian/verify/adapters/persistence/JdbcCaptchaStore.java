package beian.verify.adapters.persistence;

import beian.verify.core.port.out.CaptchaStore;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * The used-marks of captchas in {@code captcha_used}, shared by every instance: one insert per check,
 * and the primary key decides who was first. Of two concurrent checks of one captcha the second
 * waits for the first to commit, then finds the key taken (or takes it, if the first rolled back).
 */
@Singleton
class JdbcCaptchaStore implements CaptchaStore {
    private static final int ID_MAX = 64;

    private final CaptchaRows rows;

    JdbcCaptchaStore(CaptchaRows rows) {
        this.rows = rows;
    }

    @Override
    public boolean markUsed(String captchaId, Instant keepUntil) {
        if (captchaId == null || captchaId.length() > ID_MAX) {
            return false;
        }
        try {
            rows.insert(captchaId, SqlTime.of(keepUntil));
            return true;
        } catch (DataAccessException e) {
            // the only key of captcha_used is the id: any duplicate means it was used before
            if (Sql.isUniqueViolation(e, "")) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public int purgeExpired(Instant now) {
        return rows.deleteExpired(SqlTime.of(now));
    }
}
