package beian.verify.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.rest.RateLimiter.Kind;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token buckets, on a clock the test moves. */
class RateLimiterTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private RateLimiter limiter(int perMinute, int maxTracked) {
        RestProperties.RateLimits limits = new RestProperties.RateLimits();
        limits.setVerifyPerMinute(perMinute);
        limits.setMaxTrackedAddresses(maxTracked);
        return new RateLimiter(limits, nanos::get);
    }

    @Test
    void aBurstOfThePerMinuteCountThenOneMoreEachRefillInterval() {
        RateLimiter limiter = limiter(6, 100);
        for (int i = 0; i < 6; i++) {
            assertThat(limiter.acquire(Kind.VERIFY, "a")).isZero();
        }
        assertThat(limiter.acquire(Kind.VERIFY, "a")).isEqualTo(10);

        nanos.addAndGet(10_000_000_000L);

        assertThat(limiter.acquire(Kind.VERIFY, "a")).isZero();
        assertThat(limiter.acquire(Kind.VERIFY, "a")).isPositive();
    }

    @Test
    void kindsAndAddressesHaveBucketsOfTheirOwn() {
        RateLimiter limiter = limiter(1, 100);
        assertThat(limiter.acquire(Kind.VERIFY, "a")).isZero();
        assertThat(limiter.acquire(Kind.VERIFY, "a")).isPositive();
        assertThat(limiter.acquire(Kind.VERIFY, "b")).isZero();
        assertThat(limiter.acquire(Kind.CAPTCHA, "a")).isZero();
    }

    @Test
    void theNumberOfTrackedAddressesStaysBounded() {
        RateLimiter limiter = limiter(10, 50);
        for (int i = 0; i < 10_000; i++) {
            limiter.acquire(Kind.VERIFY, "198.51.100." + i);
        }
        assertThat(limiter.tracked()).isLessThanOrEqualTo(50);
    }

    @Test
    void theAddressesOfOneIpv6Slash64ShareOneBucket() {
        RateLimiter limiter = limiter(1, 100);
        assertThat(limiter.acquire(Kind.VERIFY, "2001:db8:1:2::1")).isZero();

        assertThat(limiter.acquire(Kind.VERIFY, "2001:db8:1:2:ffff:ffff:ffff:fffe")).as("same /64").isPositive();
        assertThat(limiter.acquire(Kind.VERIFY, "2001:db8:1:3::1")).as("another /64").isZero();
    }

    @Test
    void aFloodOfNewAddressesEvictsTheLeastRecentlyUsedNotAnActiveAddressesBucket() {
        RateLimiter limiter = limiter(1, 50);
        assertThat(limiter.acquire(Kind.VERIFY, "203.0.113.7")).isZero();
        for (int i = 0; i < 1_000; i++) {
            limiter.acquire(Kind.VERIFY, "198.51." + (i / 250) + "." + (i % 250)); // new addresses, none full
            if (i % 10 == 0) {
                assertThat(limiter.acquire(Kind.VERIFY, "203.0.113.7")).as("the active address stays limited").isPositive();
            }
        }
        assertThat(limiter.tracked()).isLessThanOrEqualTo(50);
    }

    @Test
    void switchedOffEverythingGoesThrough() {
        RestProperties.RateLimits limits = new RestProperties.RateLimits();
        limits.setEnabled(false);
        limits.setResendPerMinute(1);
        RateLimiter limiter = new RateLimiter(limits, nanos::get);
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.acquire(Kind.RESEND, "a")).isZero();
        }
    }
}
