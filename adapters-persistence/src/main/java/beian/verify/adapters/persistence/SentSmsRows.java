package beian.verify.adapters.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** SQL of the sent-SMS log. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface SentSmsRows extends GenericRepository<SentSmsRow, Long> {

    @Query("INSERT INTO sms_sent (phone_index, province, sent_at) VALUES (:phoneIndex, :province, :sentAt)")
    void insert(String phoneIndex, String province, String sentAt);

    // ix_sms_sent_phone
    @Query("SELECT sent_at FROM sms_sent WHERE phone_index = :phoneIndex AND sent_at > :since")
    List<String> sentAtOfPhoneSince(String phoneIndex, String since);

    // ix_sms_sent_province
    @Query("SELECT COUNT(*) FROM sms_sent WHERE province = :province AND sent_at > :since")
    long countInProvinceSince(String province, String since);

    // ix_sms_sent_at; a few at a time, so no sender ever waits on a long delete
    @Query("DELETE FROM sms_sent WHERE sent_at < :before LIMIT 100")
    int deleteBefore(String before);
}
