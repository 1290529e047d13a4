package beian.verify.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** SQL of the event streams: appends without a sequence, the sequencer's stamping, the readers' pages. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface EventRows extends GenericRepository<EventRow, Long> {

    /** An event without its sequence: no lock beyond the new row, so appenders of one provider commit in parallel. */
    @Query("""
            INSERT INTO provider_event (provider, event_type, application_id, masked_phone, sms_trigger, reason,
                   occurred_at)
            VALUES (:provider, :eventType, :applicationId, :maskedPhone, :smsTrigger, :reason, :occurredAt)""")
    void insert(String provider, String eventType, String applicationId, @Nullable String maskedPhone,
                @Nullable String smsTrigger, @Nullable String reason, String occurredAt);

    // unique key (provider, seq); unstamped events (seq NULL) are never returned
    @Query("SELECT * FROM provider_event WHERE provider = :provider AND seq > :after ORDER BY seq LIMIT :limit")
    List<EventRow> readAfter(String provider, long after, int limit);

    /**
     * The sequencer's lock, held until its transaction commits: creates or bumps the one row, which
     * takes its exclusive lock at once, so sequencers of several instances stamp one after another.
     */
    @Query("""
            INSERT INTO event_sequencer (name, runs) VALUES ('main', 1)
            ON DUPLICATE KEY UPDATE runs = runs + 1""")
    void lockSequencer();

    /** Committed events not stamped yet, oldest insertion first (index (seq, id)). */
    @Query("SELECT * FROM provider_event WHERE seq IS NULL ORDER BY id LIMIT :limit")
    List<EventRow> unstamped(int limit);

    @Query("SELECT last_seq FROM event_stream WHERE provider = :provider")
    @Nullable
    Long lastSequence(String provider);

    @Query("UPDATE provider_event SET seq = :seq WHERE id = :id")
    void stamp(long id, long seq);

    @Query("""
            INSERT INTO event_stream (provider, last_seq) VALUES (:provider, :lastSeq)
            ON DUPLICATE KEY UPDATE last_seq = :lastSeq""")
    void setLastSequence(String provider, long lastSeq);
}
