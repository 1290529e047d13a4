package beian.verify.adapters.rest;

import io.micronaut.context.env.Environment;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per client address and kind of request, in this instance's memory: behind a load
 * balancer each instance allows the configured rate, which is enough to stop one address
 * hammering the captcha, verify and resend endpoints.
 */
@Singleton
final class RateLimiter {
    /** The kinds of request limited separately. */
    enum Kind { CAPTCHA, VERIFY, RESEND }

    private final RestProperties.RateLimits limits;
    private final LongSupplier nanoTime;
    private final boolean enabled;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

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
        if (buckets.size() >= limits.getMaxTrackedAddresses()) {
            evictIdle(now);
        }
        Bucket bucket = buckets.computeIfAbsent(kind + "|" + address, k -> new Bucket(perMinute, now));
        return bucket.take(perMinute, now);
    }

    private int perMinute(Kind kind) {
        return switch (kind) {
            case CAPTCHA -> limits.getCaptchaPerMinute();
            case VERIFY -> limits.getVerifyPerMinute();
            case RESEND -> limits.getResendPerMinute();
        };
    }

    /** A full bucket carries no information: dropping it forgets nothing. */
    private void evictIdle(long now) {
        buckets.values().removeIf(b -> b.isFull(now));
        if (buckets.size() >= limits.getMaxTrackedAddresses()) {
            buckets.clear(); // under a flood of addresses, forgetting beats running out of memory
        }
    }

    int tracked() {
        return buckets.size();
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

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - updated) * capacity / NANOS_PER_MINUTE);
            updated = now;
        }
    }
}
