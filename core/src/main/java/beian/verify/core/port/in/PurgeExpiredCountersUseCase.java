package beian.verify.core.port.in;

/**
 * Drops counters whose time is over: request windows that ended, and the per-network miss counts
 * of DOMAIN.md step 5 whose misses have left their window and whose lock is over. A scheduled job
 * calls it.
 */
public interface PurgeExpiredCountersUseCase {
    /** Returns how many rows were dropped. */
    int purgeExpired();
}
