package beian.verify.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Wrong codes entered for one phone (brute-force guard): after {@code limit} misses within the
 * window the phone is locked out for a while. A sliding window, kept as the instants of recent misses.
 *
 * @param phoneKey    the phone as the store keys it (the phone itself in the core)
 * @param lockedUntil {@code null} when not locked
 */
public record PhoneThrottle(PhoneNumber phoneKey, List<Instant> recentMisses, Instant lockedUntil) {
    public PhoneThrottle {
        Objects.requireNonNull(phoneKey, "phoneKey");
        recentMisses = List.copyOf(recentMisses);
    }

    public static PhoneThrottle none(PhoneNumber phone) {
        return new PhoneThrottle(phone, List.of(), null);
    }

    public boolean isLocked(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /** This throttle after one more miss at {@code now}; locks when the miss is the {@code limit}-th in the window. */
    public PhoneThrottle withMiss(Instant now, int limit, Duration window, Duration lockout) {
        List<Instant> misses = new ArrayList<>();
        for (Instant miss : recentMisses) {
            if (miss.isAfter(now.minus(window))) {
                misses.add(miss);
            }
        }
        misses.add(now);
        if (misses.size() >= limit) {
            return new PhoneThrottle(phoneKey, List.of(), now.plus(lockout));
        }
        return new PhoneThrottle(phoneKey, misses, lockedUntil);
    }

    @Override
    public String toString() {
        return "PhoneThrottle[" + phoneKey.masked() + ", misses=" + recentMisses.size() + ", lockedUntil=" + lockedUntil + "]";
    }
}
