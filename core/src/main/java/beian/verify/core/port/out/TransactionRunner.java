package beian.verify.core.port.out;

import java.util.function.Supplier;

/** One transaction per use case step: all storage calls inside {@code work} commit together or not at all. */
public interface TransactionRunner {
    <T> T inTransaction(Supplier<T> work);
}
