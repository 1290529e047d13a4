package beian.verify.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** SQL of the event streams: the sequencer's stamping, the readers' pages. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface EventRows extends GenericRepository<EventRow, Long> {

    // Appends (events without their sequence, no lock beyond the new rows, so appenders of one provider
    // commit in parallel) are multi-row inserts built in JdbcEventStore.

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

    /** The stamp of one event, positional, for the sequencer's JDBC batch. */
    String STAMP = "UPDATE provider_event SET seq = ? WHERE id = ?";

    @Query("""
            INSERT INTO event_stream (provider, last_seq) VALUES (:provider, :lastSeq)
            ON DUPLICATE KEY UPDATE last_seq = :lastSeq""")
    void setLastSequence(String provider, long lastSeq);
}
