package beian.verify.core.testing;

import beian.verify.core.port.out.TransactionRunner;
import java.util.function.Supplier;

/** Runs each transaction on another runner and counts them: for tests of how many a piece of work takes. */
public final class CountingTransactions implements TransactionRunner {
    private final TransactionRunner delegate;
    private int count;

    public CountingTransactions(TransactionRunner delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized <T> T inTransaction(Supplier<T> work) {
        count++;
        return delegate.inTransaction(work);
    }

    /** The transactions begun so far, nested ones included. */
    public synchronized int get() {
        return count;
    }
}
