package beian.verify.core.port.in;

import java.util.function.BooleanSupplier;

/** Hands queued SMS that are due to the carrier, recording what it said; a scheduled job calls it. */
public interface DispatchSmsUseCase {
    /** Claims and sends one batch of at most {@code batchSize} messages. */
    default WorkReport dispatch(int batchSize) {
        return dispatch(batchSize, () -> false);
    }

    /**
     * As {@link #dispatch(int)}; once {@code stopRequested} answers true (the instance is shutting down),
     * the claimed messages not yet handed to the carrier are released, so another instance (or this one
     * when it is back) sends them at once rather than when the lease runs out.
     */
    WorkReport dispatch(int batchSize, BooleanSupplier stopRequested);
}
