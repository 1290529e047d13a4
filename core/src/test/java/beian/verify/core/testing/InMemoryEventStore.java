package beian.verify.core.testing;

import beian.verify.core.domain.DomainEvent;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.RecordedEvent;
import beian.verify.core.port.out.EventStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Each provider's stream as a list; sequences start at 1. */
public final class InMemoryEventStore implements EventStore, InMemoryTransactions.Participant {
    private final InMemoryTransactions tx;
    private Map<ProviderId, List<RecordedEvent>> streams = new HashMap<>();

    public InMemoryEventStore(InMemoryTransactions tx) {
        this.tx = tx;
        tx.enlist(this);
    }

    @Override
    public void append(List<DomainEvent> events) {
        tx.requireTransaction();
        for (DomainEvent event : events) {
            List<RecordedEvent> stream = streams.computeIfAbsent(event.provider(), p -> new ArrayList<>());
            stream.add(new RecordedEvent(stream.size() + 1L, event));
        }
    }

    @Override
    public List<RecordedEvent> readAfter(ProviderId provider, long afterSequence, int limit) {
        tx.requireTransaction();
        return streams.getOrDefault(provider, List.of()).stream()
                .filter(e -> e.sequence() > afterSequence).limit(limit).toList();
    }

    /** Rewrites the application's events as retention leaves them, in place (sequences stay). */
    void erase(beian.verify.core.domain.ApplicationId application) {
        tx.requireTransaction();
        streams.values().forEach(stream -> stream.replaceAll(e -> e.event().applicationId().equals(application)
                ? new RecordedEvent(e.sequence(), e.event().erased()) : e));
    }

    @Override
    public Object snapshot() {
        Map<ProviderId, List<RecordedEvent>> copy = new HashMap<>();
        streams.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
        return copy;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        streams = (Map<ProviderId, List<RecordedEvent>>) snapshot;
    }
}
