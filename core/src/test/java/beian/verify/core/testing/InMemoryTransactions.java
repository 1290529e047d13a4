package beian.verify.core.testing;

import beian.verify.core.port.out.TransactionRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Transactions over the in-memory stores: one at a time (a global lock, so "row locks" hold
 * trivially), rolled back on any exception by restoring every store's snapshot.
 */
public final class InMemoryTransactions implements TransactionRunner {
    /** A store that can be rolled back. */
    public interface Participant {
        Object snapshot();

        void restore(Object snapshot);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final List<Participant> participants = new ArrayList<>();

    public void enlist(Participant participant) {
        participants.add(participant);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (lock.isHeldByCurrentThread()) {
            return work.get();
        }
        lock.lock();
        try {
            List<Object> snapshots = new ArrayList<>();
            participants.forEach(p -> snapshots.add(p.snapshot()));
            try {
                return work.get();
            } catch (RuntimeException | Error e) {
                for (int i = 0; i < participants.size(); i++) {
                    participants.get(i).restore(snapshots.get(i));
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Fails unless the caller is inside a transaction: fakes call it so a use case that forgets one is caught. */
    public void requireTransaction() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("storage used outside a transaction");
        }
    }
}
