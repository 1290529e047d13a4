package beian.verify.adapters.persistence;

import beian.verify.core.port.out.StorageUnavailableException;
import beian.verify.core.port.out.TransactionRunner;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.function.Supplier;

/**
 * The core's transactions on Micronaut Data's programmatic transactions: a read-write transaction
 * that commits when {@code work} returns and rolls back when it throws. A call inside a running
 * transaction joins it (propagation REQUIRED). When the database cannot be reached (no connection
 * within {@code beian.db.connect-timeout}, or the connection broke) the failure is the core's
 * {@link StorageUnavailableException}: the caller is told to try again, and nothing was written. So is a
 * statement that waited longer than {@code beian.db.lock-timeout-ms} for a row another session held
 * locked ({@link LockTimeout}).
 */
@Singleton
public class MicronautTransactionRunner implements TransactionRunner {
    private final TransactionOperations<Connection> transactions;

    MicronautTransactionRunner(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        try {
            return transactions.executeWrite(status -> work.get());
        } catch (RuntimeException e) {
            if (Sql.isConnectionFailure(e)) {
                throw new StorageUnavailableException("the database cannot be reached: " + Sql.rootMessage(e), e);
            }
            if (Sql.isLockTimeout(e)) {
                throw new StorageUnavailableException("the database did not answer in time (a row stayed locked longer"
                        + " than beian.db.lock-timeout-ms): " + Sql.rootMessage(e), e);
            }
            throw e;
        }
    }
}
