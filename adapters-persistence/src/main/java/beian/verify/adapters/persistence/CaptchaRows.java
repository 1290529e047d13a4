package beian.verify.adapters.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** SQL of captcha challenges. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface CaptchaRows extends GenericRepository<CaptchaRow, String> {

    @Query("""
            INSERT INTO captcha_challenge (id, answer_hash, expires_at) VALUES (:id, :answerHash, :expiresAt)
            ON DUPLICATE KEY UPDATE answer_hash = :answerHash, expires_at = :expiresAt""")
    void upsert(String id, String answerHash, String expiresAt);

    @Query("SELECT * FROM captcha_challenge WHERE id = :id FOR UPDATE")
    Optional<CaptchaRow> lock(String id);

    @Query("DELETE FROM captcha_challenge WHERE id = :id")
    int delete(String id);

    // ix_captcha_expires
    @Query("DELETE FROM captcha_challenge WHERE expires_at <= :now")
    int deleteExpired(String now);
}
