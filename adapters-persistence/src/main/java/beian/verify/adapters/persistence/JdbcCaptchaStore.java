package beian.verify.adapters.persistence;

import beian.verify.core.domain.CaptchaChallenge;
import beian.verify.core.port.out.CaptchaStore;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;

/** Captcha challenges in {@code captcha_challenge}, shared by every instance of the service. */
@Singleton
class JdbcCaptchaStore implements CaptchaStore {
    private static final int ID_MAX = 64;

    private final CaptchaRows rows;

    JdbcCaptchaStore(CaptchaRows rows) {
        this.rows = rows;
    }

    @Override
    public void save(CaptchaChallenge challenge) {
        rows.upsert(challenge.id(), challenge.answerHash(), SqlTime.of(challenge.expiresAt()));
    }

    /** Locks, then deletes: of two concurrent takers the second waits and then finds nothing. */
    @Override
    public Optional<CaptchaChallenge> take(String id) {
        if (id == null || id.length() > ID_MAX) {
            return Optional.empty();
        }
        Optional<CaptchaRow> row = rows.lock(id);
        row.ifPresent(r -> rows.delete(r.id()));
        return row.map(r -> new CaptchaChallenge(r.id(), r.answerHash(), SqlTime.instant(r.expiresAt())));
    }

    @Override
    public int purgeExpired(Instant now) {
        return rows.deleteExpired(SqlTime.of(now));
    }
}
