package beian.verify.adapters.persistence;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.DomainEvent;
import beian.verify.core.domain.EventType;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.RecordedEvent;
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.port.out.EventStore;
import jakarta.inject.Singleton;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Each provider's stream in {@code provider_event}. An append inserts the events without a
 * sequence, in the caller's transaction, taking no lock a concurrent appender waits for; after the
 * commit the {@link EventSequencer} stamps them with the provider's next sequences. Readers read
 * only stamped events, so an event becomes readable a moment after its transaction commits.
 */
@Singleton
class JdbcEventStore implements EventStore {
    /** reason is VARCHAR(1000); carrier reasons can be longer and are diagnostic only. */
    private static final int REASON_MAX = 1000;
    /** Rows of one insert: 7 parameters each, far inside any driver's limit and the packet size. */
    static final int ROWS_PER_INSERT = 500;
    private static final String INSERT = "INSERT INTO provider_event (provider, event_type, application_id,"
            + " masked_phone, sms_trigger, reason, occurred_at) VALUES";
    private static final String VALUES = "(?, ?, ?, ?, ?, ?, ?)";

    private final EventRows rows;
    private final TransactionOperations<Connection> transactions;
    private final EventSequencer sequencer;

    JdbcEventStore(EventRows rows, TransactionOperations<Connection> transactions, EventSequencer sequencer) {
        this.rows = rows;
        this.transactions = transactions;
        this.sequencer = sequencer;
    }

    @Override
    public void append(List<DomainEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        transactions.executeWrite(status -> { // the caller's transaction (one of its own when there is none)
            insert(status.getConnection(), events);
            return null;
        });
        transactions.findTransactionStatus().ifPresentOrElse(
                status -> status.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        sequencer.eventsCommitted();
                    }
                }),
                sequencer::eventsCommitted);
    }

    /**
     * One multi-row {@code INSERT} per {@value #ROWS_PER_INSERT} events, in the list's order: a
     * statement gives its rows ascending ids in the order of its values, so the sequencer, which stamps
     * by insertion id, keeps each provider's events in the order appended (a batch of returns writes its
     * events in one round trip instead of one per application).
     */
    private static void insert(Connection connection, List<DomainEvent> events) {
        for (int from = 0; from < events.size(); from += ROWS_PER_INSERT) {
            List<DomainEvent> chunk = events.subList(from, Math.min(events.size(), from + ROWS_PER_INSERT));
            StringBuilder sql = new StringBuilder(INSERT);
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? " " : ", ").append(VALUES);
            }
            try (PreparedStatement s = connection.prepareStatement(sql.toString())) {
                int p = 0;
                for (DomainEvent e : chunk) {
                    s.setString(++p, e.provider().value());
                    s.setString(++p, e.type().name());
                    s.setString(++p, e.applicationId().value());
                    s.setString(++p, e.maskedPhone());
                    s.setString(++p, e.trigger() == null ? null : e.trigger().name());
                    s.setString(++p, Sql.clip(e.reason(), REASON_MAX));
                    s.setString(++p, SqlTime.of(e.occurredAt()));
                }
                if (s.executeUpdate() != chunk.size()) {
                    throw new IllegalStateException("provider_event: not every event of the insert was stored");
                }
            } catch (SQLException e) {
                throw new IllegalStateException("provider_event: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public List<RecordedEvent> readAfter(ProviderId provider, long afterSequence, int limit) {
        return rows.readAfter(provider.value(), afterSequence, limit).stream()
                .map(r -> new RecordedEvent(r.seq(), new DomainEvent(new ProviderId(r.provider()),
                        EventType.valueOf(r.eventType()), new ApplicationId(r.applicationId()), r.maskedPhone(),
                        r.smsTrigger() == null ? null : SmsTrigger.valueOf(r.smsTrigger()), r.reason(),
                        SqlTime.instant(r.occurredAt()))))
                .toList();
    }
}
