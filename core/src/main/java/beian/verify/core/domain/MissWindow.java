package beian.verify.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A sliding window of misses with a lock-out: after {@code limit} misses within the window the
 * counter is locked for a while, and counting starts afresh. The one rule both miss limits of step 5
 * share (per phone and network, per phone).
 *
 * @param recentMisses the instants of the misses still in the window, oldest first
 * @param lockedUntil  {@code null} when not locked
 */
public record MissWindow(List<Instant> recentMisses, Instant lockedUntil) {
    public static final MissWindow NONE = new MissWindow(List.of(), null);

    public MissWindow {
        recentMisses = List.copyOf(recentMisses);
    }

    public boolean isLocked(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /** This window after one more miss at {@code now}; locks when the miss is the {@code limit}-th in the window. */
    public MissWindow withMiss(Instant now, int limit, Duration window, Duration lockout) {
        List<Instant> misses = new ArrayList<>();
        for (Instant miss : recentMisses) {
            if (miss.isAfter(now.minus(window))) {
                misses.add(miss);
            }
        }
        misses.add(now);
        if (misses.size() >= limit) {
            return new MissWindow(List.of(), now.plus(lockout));
        }
        return new MissWindow(misses, lockedUntil);
    }

    /** Whether this miss is the one that locked. */
    public boolean lockedBy(MissWindow before, Instant now) {
        return isLocked(now) && !before.isLocked(now);
    }
}
