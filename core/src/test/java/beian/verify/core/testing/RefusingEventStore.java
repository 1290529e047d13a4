package beian.verify.core.testing;

import beian.verify.core.domain.DomainEvent;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.RecordedEvent;
import beian.verify.core.port.out.EventStore;
import java.util.List;

/** An event store that refuses any append naming one application, and otherwise passes to another. */
public final class RefusingEventStore implements EventStore {
    private final EventStore delegate;
    private final String refusedApplicationId;

    public RefusingEventStore(EventStore delegate, String refusedApplicationId) {
        this.delegate = delegate;
        this.refusedApplicationId = refusedApplicationId;
    }

    @Override
    public void append(List<DomainEvent> events) {
        if (events.stream().anyMatch(e -> e.applicationId().value().equals(refusedApplicationId))) {
            throw new IllegalStateException("storage refused the event");
        }
        delegate.append(events);
    }

    @Override
    public List<RecordedEvent> readAfter(ProviderId provider, long afterSequence, int limit) {
        return delegate.readAfter(provider, afterSequence, limit);
    }
}
