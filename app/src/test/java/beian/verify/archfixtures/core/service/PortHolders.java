package beian.verify.archfixtures.core.service;

import beian.verify.archfixtures.core.port.out.Notifier;
import beian.verify.archfixtures.core.port.out.RecordStore;

import java.util.Objects;
import java.util.function.Supplier;

/** Services and the ports they hold: the first two break rule 4 ("one use case, one room"), the last keeps it. */
public final class PortHolders {

    private PortHolders() {
    }

    /** Only the constructor assigns {@code store}; the service's one method uses the notifier alone. */
    public static final class AssignsAPortOnlyInItsConstructor {
        private final RecordStore store;
        private final Notifier notifier;

        public AssignsAPortOnlyInItsConstructor(RecordStore store, Notifier notifier) {
            this.store = store;
            this.notifier = notifier;
        }

        public void remind(String text) {
            notifier.notify(text);
        }
    }

    /** The constructor reads {@code store} (a null check), no method does: still a port it does not use. */
    public static final class ReadsAPortOnlyInItsConstructor {
        private final RecordStore store;

        public ReadsAPortOnlyInItsConstructor(RecordStore store) {
            this.store = store;
            Objects.requireNonNull(this.store);
        }
    }

    /**
     * Reads each port field in a method (one in a lambda); a static port field and an unread field
     * of a non-port type are none of the rule's business.
     */
    public static final class UsesEveryPort {
        static RecordStore shared;

        private final RecordStore store;
        private final Notifier notifier;
        private final String name;

        public UsesEveryPort(RecordStore store, Notifier notifier, String name) {
            this.store = store;
            this.notifier = notifier;
            this.name = name;
        }

        public String find(String id) {
            return store.load(id);
        }

        public Supplier<Runnable> later(String text) {
            return () -> () -> notifier.notify(text);
        }
    }
}
