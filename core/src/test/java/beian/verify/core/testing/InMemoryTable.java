package beian.verify.core.testing;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A fake store whose whole state is one map of immutable values, copied at the start of each
 * transaction and put back when it fails.
 */
abstract class InMemoryTable<K, V> implements InMemoryTransactions.Participant {
    private final InMemoryTransactions tx;
    private final UnaryOperator<Map<K, V>> copy;
    private Map<K, V> rows;

    /** {@code copy} makes a map of the kind the store needs (sorted, insertion-ordered, ...). */
    InMemoryTable(InMemoryTransactions tx, UnaryOperator<Map<K, V>> copy) {
        this.tx = tx;
        this.copy = copy;
        this.rows = copy.apply(Map.of());
        tx.enlist(this);
    }

    /** The rows, for use inside a transaction only (as with a real database). */
    protected Map<K, V> rows() {
        tx.requireTransaction();
        return rows;
    }

    /** The rows without the transaction check, for assertions in tests. */
    protected Map<K, V> peek() {
        return rows;
    }

    @Override
    public Object snapshot() {
        return copy.apply(rows);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        rows = copy.apply((Map<K, V>) snapshot);
    }
}
