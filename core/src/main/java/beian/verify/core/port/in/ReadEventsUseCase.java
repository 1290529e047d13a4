package beian.verify.core.port.in;

import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.RecordedEvent;
import java.util.List;

/** A provider reads its ordered event stream from any position it has seen. */
public interface ReadEventsUseCase {

    /** Up to {@code limit} (cut to {@link ApplicationPage#MAX_SIZE}) events after {@code afterSequence}, in order. */
    List<RecordedEvent> read(ReadEventsQuery query);

    record ReadEventsQuery(ProviderId provider, long afterSequence, int limit) {
    }
}
