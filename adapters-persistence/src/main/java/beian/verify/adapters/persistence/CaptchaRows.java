package beian.verify.adapters.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/** SQL of the used-marks of captchas. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface CaptchaRows extends GenericRepository<CaptchaUsedRow, String> {

    /** Fails on the primary key when the captcha was already used (waits for a concurrent user's commit first). */
    @Query("INSERT INTO captcha_used (id, keep_until) VALUES (:id, :keepUntil)")
    void insert(String id, String keepUntil);

    // ix_captcha_used_keep
    @Query("DELETE FROM captcha_used WHERE keep_until <= :now")
    int deleteExpired(String now);
}
