package beian.verify.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Misses entered for one phone from one client network (DOMAIN.md step 5): after
 * {@code codeMissLimit} within the window that network is locked out of that phone, and only that
 * network, so a stranger cannot lock the owner out from its own addresses.
 */
public record NetworkThrottle(PhoneNumber phone, ClientNetwork network, MissWindow misses) {
    public NetworkThrottle {
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(misses, "misses");
    }

    public static NetworkThrottle none(PhoneNumber phone, ClientNetwork network) {
        return new NetworkThrottle(phone, network, MissWindow.NONE);
    }

    public boolean isLocked(Instant now) {
        return misses.isLocked(now);
    }

    public NetworkThrottle withMiss(Instant now, int limit, Duration window, Duration lockout) {
        return new NetworkThrottle(phone, network, misses.withMiss(now, limit, window, lockout));
    }

    @Override
    public String toString() {
        return "NetworkThrottle[" + phone.masked() + ", " + network.value() + ", misses=" + misses.recentMisses().size()
                + ", lockedUntil=" + misses.lockedUntil() + "]";
    }
}
