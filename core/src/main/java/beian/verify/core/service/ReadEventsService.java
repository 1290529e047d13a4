package beian.verify.core.service;

import beian.verify.core.domain.RecordedEvent;
import beian.verify.core.port.in.ApplicationPage;
import beian.verify.core.port.in.ReadEventsUseCase;
import beian.verify.core.port.out.EventStore;
import beian.verify.core.port.out.TransactionRunner;
import java.util.List;

/** A provider's events after a position it has seen; never another provider's. */
public final class ReadEventsService implements ReadEventsUseCase {
    private final TransactionRunner transactions;
    private final EventStore events;

    public ReadEventsService(TransactionRunner transactions, EventStore events) {
        this.transactions = transactions;
        this.events = events;
    }

    @Override
    public List<RecordedEvent> read(ReadEventsQuery query) {
        int bounded = Math.max(1, Math.min(query.limit(), ApplicationPage.MAX_SIZE));
        return transactions.inTransaction(() -> events.readAfter(query.provider(), query.afterSequence(), bounded));
    }
}
