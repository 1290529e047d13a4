package beian.verify.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Misses entered for one phone from every network (brute-force guard of DOMAIN.md step 5): after
 * {@code phoneMissLimit} misses within the window the phone is locked for everyone for a while. Its
 * stored row is also the lock that serialises everything done to one phone.
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

    public MissWindow window() {
        return new MissWindow(recentMisses, lockedUntil);
    }

    public boolean isLocked(Instant now) {
        return window().isLocked(now);
    }

    /** This throttle after one more miss at {@code now}; locks when the miss is the {@code limit}-th in the window. */
    public PhoneThrottle withMiss(Instant now, int limit, Duration window, Duration lockout) {
        MissWindow next = window().withMiss(now, limit, window, lockout);
        return new PhoneThrottle(phoneKey, next.recentMisses(), next.lockedUntil());
    }

    @Override
    public String toString() {
        return "PhoneThrottle[" + phoneKey.masked() + ", misses=" + recentMisses.size() + ", lockedUntil=" + lockedUntil + "]";
    }
}
