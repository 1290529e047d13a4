package beian.verify.adapters.persistence.testing;

import beian.verify.adapters.persistence.EventSequencer;
import io.micronaut.context.ApplicationContext;

/**
 * For tests of other modules on the real storage: makes every committed event readable now, rather
 * than when the background sequencer next runs (a few milliseconds after each commit).
 */
public final class EventSequencing {
    private EventSequencing() {
    }

    /** Stamps every event committed so far in {@code ctx}'s database. */
    public static void now(ApplicationContext ctx) {
        ctx.getBean(EventSequencer.class).sequenceCommitted();
    }
}
