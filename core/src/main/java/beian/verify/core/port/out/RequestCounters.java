package beian.verify.core.port.out;

import java.time.Instant;

/**
 * Fixed-window counters of requests, shared by every instance of the service, so N instances
 * enforce one limit. A key names what is counted (a kind of request and a client network); a
 * window is named by its start.
 */
public interface RequestCounters {
    /**
     * Counts one more request under {@code key} in the window starting at {@code windowStart}, kept
     * until {@code keepUntil}; returns the window's count including this one.
     */
    long increment(String key, Instant windowStart, Instant keepUntil);

    /** The window's count so far (0 when nothing was counted), without counting. */
    long count(String key, Instant windowStart);

    /** Forgets the windows kept until before {@code now}; returns how many. */
    int purgeExpired(Instant now);
}
