package beian.verify.adapters.persistence;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.DomainEvent;
import beian.verify.core.domain.EventType;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.RecordedEvent;
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.port.out.EventStore;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each provider's stream in {@code provider_event}. Sequences come from the provider's counter row
 * in {@code event_stream}, locked until the appending transaction commits: appends of one provider
 * commit in sequence order, so a reader that has seen N never later finds a smaller one appear.
 */
@Singleton
class JdbcEventStore implements EventStore {
    /** reason is VARCHAR(1000); carrier reasons can be longer and are diagnostic only. */
    private static final int REASON_MAX = 1000;

    private final EventRows rows;

    JdbcEventStore(EventRows rows) {
        this.rows = rows;
    }

    @Override
    public void append(List<DomainEvent> events) {
        // Providers in a fixed order, so two transactions appending for the same two providers lock alike.
        Map<String, List<DomainEvent>> byProvider = new TreeMap<>();
        for (DomainEvent e : events) {
            byProvider.computeIfAbsent(e.provider().value(), p -> new ArrayList<>()).add(e);
        }
        byProvider.forEach((provider, stream) -> {
            rows.advance(provider, stream.size());
            long next = rows.lastSequence(provider) - stream.size() + 1;
            for (DomainEvent e : stream) {
                rows.insert(provider, next++, e.type().name(), e.applicationId().value(), e.maskedPhone(),
                        e.trigger() == null ? null : e.trigger().name(), Sql.clip(e.reason(), REASON_MAX),
                        SqlTime.of(e.occurredAt()));
            }
        });
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
