package beian.verify.core.port.out;

import beian.verify.core.domain.DomainEvent;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.RecordedEvent;
import java.util.List;

/**
 * Each provider's ordered event stream. Sequences increase per provider, and a reader that has
 * seen sequence N never later finds a smaller one appear.
 */
public interface EventStore {
    /** Appends in order, in the caller's transaction. */
    void append(List<DomainEvent> events);

    /** Up to {@code limit} events of the provider with a sequence above {@code afterSequence}, in order. */
    List<RecordedEvent> readAfter(ProviderId provider, long afterSequence, int limit);
}
