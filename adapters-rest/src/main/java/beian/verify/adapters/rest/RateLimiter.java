package beian.verify.adapters.rest;

import beian.verify.core.domain.ClientNetwork;
import io.micronaut.context.env.Environment;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Token buckets per client network (an IPv4 address, an IPv6 /64: one subscriber's whole prefix)
 * and kind of request, in this instance's memory: behind a load balancer each instance allows the
 * configured rate, which is enough to stop one network hammering the captcha, verify and resend
 * endpoints. At most {@code max-tracked-addresses} buckets are kept; past that the least recently
 * used goes, so a flood of new addresses cannot reset the bucket of one that is active.
 */
@Singleton
final class RateLimiter {
    /** The kinds of request limited separately. */
    enum Kind { CAPTCHA, VERIFY, RESEND, CALLBACK, PAGE }

    private final RestProperties.RateLimits limits;
    private final LongSupplier nanoTime;
    private final boolean enabled;
    /** In access order, so the eldest entry is the least recently used bucket. */
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true);

    /** Off in the dev environment (API.md): scripts and tests drive it from one address there. */
    @Inject
    RateLimiter(RestProperties.RateLimits limits, Environment environment) {
        this(limits, System::nanoTime, !environment.getActiveNames().contains(Environment.DEVELOPMENT));
    }

    RateLimiter(RestProperties.RateLimits limits, LongSupplier nanoTime) {
        this(limits, nanoTime, true);
    }

    private RateLimiter(RestProperties.RateLimits limits, LongSupplier nanoTime, boolean allowedHere) {
        this.limits = limits;
        this.nanoTime = nanoTime;
        this.enabled = allowedHere && limits.isEnabled();
    }

    /** 0 when the request may go ahead; otherwise the seconds after which it may. */
    long acquire(Kind kind, String address) {
        if (!enabled) {
            return 0;
        }
        int perMinute = perMinute(kind);
        long now = nanoTime.getAsLong();
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(kind + "|" + network(address), k -> new Bucket(perMinute, now));
            Iterator<Bucket> eldest = buckets.values().iterator();
            while (buckets.size() > limits.getMaxTrackedAddresses() && eldest.hasNext()) {
                eldest.next();
                eldest.remove();
            }
        }
        return bucket.take(perMinute, now);
    }

    private int perMinute(Kind kind) {
        return switch (kind) {
            case CAPTCHA -> limits.getCaptchaPerMinute();
            case VERIFY -> limits.getVerifyPerMinute();
            case RESEND -> limits.getResendPerMinute();
            case CALLBACK -> limits.getCallbackPerMinute();
            case PAGE -> limits.getPagePerMinute();
        };
    }

    /** The address's network as the core counts misses by; an address that is no IP literal stands for itself. */
    private static String network(String address) {
        ClientNetwork network = ClientNetwork.of(address);
        return network.equals(ClientNetwork.UNKNOWN) ? String.valueOf(address) : network.value();
    }

    int tracked() {
        synchronized (buckets) {
            return buckets.size();
        }
    }

    /** Capacity {@code perMinute} tokens, refilled continuously at {@code perMinute} a minute. */
    private static final class Bucket {
        private static final double NANOS_PER_MINUTE = 60e9;
        private final int capacity;
        private double tokens;
        private long updated;

        Bucket(int capacity, long now) {
            this.capacity = capacity;
            this.tokens = capacity;
            this.updated = now;
        }

        synchronized long take(int perMinute, long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            double nanosToOne = (1 - tokens) * NANOS_PER_MINUTE / perMinute;
            return Math.max(1, (long) Math.ceil(nanosToOne / 1e9));
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - updated) * capacity / NANOS_PER_MINUTE);
            updated = now;
        }
    }
}
