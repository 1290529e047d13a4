package beian.verify.adapters.persistence;

import beian.verify.core.port.out.TransactionRunner;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.function.Supplier;

/**
 * The core's transactions on Micronaut Data's programmatic transactions: a read-write transaction
 * that commits when {@code work} returns and rolls back when it throws. A call inside a running
 * transaction joins it (propagation REQUIRED).
 */
@Singleton
public class MicronautTransactionRunner implements TransactionRunner {
    private final TransactionOperations<Connection> transactions;

    MicronautTransactionRunner(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.executeWrite(status -> work.get());
    }
}
