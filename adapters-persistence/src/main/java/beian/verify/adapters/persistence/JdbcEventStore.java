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
        for (DomainEvent e : events) { // in order: the sequencer stamps by insertion id
            rows.insert(e.provider().value(), e.type().name(), e.applicationId().value(), e.maskedPhone(),
                    e.trigger() == null ? null : e.trigger().name(), Sql.clip(e.reason(), REASON_MAX),
                    SqlTime.of(e.occurredAt()));
        }
        transactions.findTransactionStatus().ifPresentOrElse(
                status -> status.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        sequencer.eventsCommitted();
                    }
                }),
                sequencer::eventsCommitted);
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
