package beian.verify.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** SQL of the event streams and their per-provider counters. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface EventRows extends GenericRepository<EventRow, Long> {

    /**
     * Takes {@code count} sequences: creates or bumps the provider's counter row, which takes its
     * exclusive row lock at once (no shared lock to upgrade, so two appenders cannot deadlock on it)
     * and holds it until commit.
     */
    @Query("""
            INSERT INTO event_stream (provider, last_seq) VALUES (:provider, :count)
            ON DUPLICATE KEY UPDATE last_seq = last_seq + :count""")
    void advance(String provider, long count);

    @Query("SELECT last_seq FROM event_stream WHERE provider = :provider FOR UPDATE")
    long lastSequence(String provider);

    @Query("""
            INSERT INTO provider_event (provider, seq, event_type, application_id, masked_phone, sms_trigger, reason,
                   occurred_at)
            VALUES (:provider, :seq, :eventType, :applicationId, :maskedPhone, :smsTrigger, :reason, :occurredAt)""")
    void insert(String provider, long seq, String eventType, String applicationId, @Nullable String maskedPhone,
                @Nullable String smsTrigger, @Nullable String reason, String occurredAt);

    // primary key (provider, seq)
    @Query("SELECT * FROM provider_event WHERE provider = :provider AND seq > :after ORDER BY seq LIMIT :limit")
    List<EventRow> readAfter(String provider, long after, int limit);
}
