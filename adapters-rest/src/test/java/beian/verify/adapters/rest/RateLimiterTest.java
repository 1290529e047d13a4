package beian.verify.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.rest.RateLimiter.Kind;
import beian.verify.core.port.in.AdmitRequestUseCase;
import beian.verify.core.service.AdmitRequestService;
import beian.verify.core.testing.InMemoryRequestCounters;
import beian.verify.core.testing.InMemoryTransactions;
import beian.verify.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The per-network limits over the core's shared request windows (in memory here; MariaDB in
 * adapters-persistence's {@code MariaDbRequestWindowsTest}), on a clock the test moves.
 */
class RateLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T02:00:00Z"));
    private final InMemoryTransactions tx = new InMemoryTransactions();
    private final InMemoryRequestCounters counters = new InMemoryRequestCounters(tx);
    private final AtomicInteger asked = new AtomicInteger();
    /** The shared store, as every instance sees it; counts how often an instance asked it. */
    private final AdmitRequestUseCase shared = command -> {
        asked.incrementAndGet();
        return new AdmitRequestService(tx, clock, counters).admit(command);
    };

    private RateLimiter limiter(int perMinute, int maxTracked) {
        RestProperties.RateLimits limits = new RestProperties.RateLimits();
        limits.setVerifyPerMinute(perMinute);
        limits.setMaxTrackedAddresses(maxTracked);
        return new RateLimiter(limits, shared, () -> clock.now().toEpochMilli() * 1_000_000L);
    }

    @Test
    void thePerMinuteCountThenNoneUntilTheWindowEnds() {
        RateLimiter limiter = limiter(6, 100);
        for (int i = 0; i < 6; i++) {
            assertThat(limiter.acquire(Kind.VERIFY, "a")).isZero();
        }
        assertThat(limiter.acquire(Kind.VERIFY, "a")).isEqualTo(60);

        clock.advance(Duration.ofSeconds(50));
        assertThat(limiter.acquire(Kind.VERIFY, "a")).isEqualTo(10);

        clock.advance(Duration.ofSeconds(10));
        assertThat(limiter.acquire(Kind.VERIFY, "a")).isZero();
    }

    /**
     * The page, its files and the callbacks are limited on the event loop: counted in this
     * instance's memory in the same one-minute windows, never with a statement (a database outage
     * must not stall them).
     */
    @Test
    void thePageAndTheCallbacksAreCountedInThisInstanceWithoutAStatement() {
        RestProperties.RateLimits limits = new RestProperties.RateLimits();
        limits.setPagePerMinute(3);
        limits.setCallbackPerMinute(2);
        RateLimiter limiter = new RateLimiter(limits, shared, () -> clock.now().toEpochMilli() * 1_000_000L);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire(Kind.PAGE, "203.0.113.9")).isZero();
        }
        assertThat(limiter.acquire(Kind.PAGE, "203.0.113.9")).isEqualTo(60);
        assertThat(limiter.acquire(Kind.CALLBACK, "203.0.113.9")).isZero();
        assertThat(limiter.acquire(Kind.CALLBACK, "203.0.113.9")).isZero();
        assertThat(limiter.acquire(Kind.CALLBACK, "203.0.113.9")).isPositive();
        assertThat(limiter.acquire(Kind.PAGE, "2001:db8:1:2::9")).isZero();
        assertThat(asked.get()).as("statements for page and callback requests").isZero();

        clock.advance(Duration.ofSeconds(60));
        assertThat(limiter.acquire(Kind.PAGE, "203.0.113.9")).isZero();
    }

    @Test
    void twoInstancesOverOneStoreEnforceOneLimit() {
        RateLimiter one = limiter(4, 100);
        RateLimiter two = limiter(4, 100);
        int admitted = 0;
        for (int i = 0; i < 10; i++) {
            admitted += (one.acquire(Kind.VERIFY, "203.0.113.5") == 0 ? 1 : 0)
                    + (two.acquire(Kind.VERIFY, "203.0.113.5") == 0 ? 1 : 0);
        }
        assertThat(admitted).as("requests admitted by both instances together").isEqualTo(4);
    }

    @Test
    void aRefusedNetworkIsAnsweredFromMemoryUntilItsWindowEnds() {
        RateLimiter limiter = limiter(2, 100);
        for (int i = 0; i < 3; i++) {
            limiter.acquire(Kind.VERIFY, "203.0.113.6");
        }
        int askedAfterRefusal = asked.get();
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.acquire(Kind.VERIFY, "203.0.113.6")).isPositive();
        }
        assertThat(asked.get()).as("statements after the refusal").isEqualTo(askedAfterRefusal);
    }

    @Test
    void kindsAndAddressesHaveCountsOfTheirOwn() {
        RateLimiter limiter = limiter(1, 100);
        assertThat(limiter.acquire(Kind.VERIFY, "a")).isZero();
        assertThat(limiter.acquire(Kind.VERIFY, "a")).isPositive();
        assertThat(limiter.acquire(Kind.VERIFY, "b")).isZero();
        assertThat(limiter.acquire(Kind.CAPTCHA, "a")).isZero();
    }

    @Test
    void theNumberOfRememberedRefusalsStaysBounded() {
        RateLimiter limiter = limiter(1, 50);
        for (int i = 0; i < 2_000; i++) {
            limiter.acquire(Kind.VERIFY, "198.51.100." + (i % 1000 / 4) + "." + i); // not IP literals: each its own
            limiter.acquire(Kind.VERIFY, "198.51.100." + (i % 1000 / 4) + "." + i);
        }
        assertThat(limiter.tracked()).isLessThanOrEqualTo(50);
    }

    @Test
    void theAddressesOfOneIpv6Slash64ShareOneCount() {
        RateLimiter limiter = limiter(1, 100);
        assertThat(limiter.acquire(Kind.VERIFY, "2001:db8:1:2::1")).isZero();

        assertThat(limiter.acquire(Kind.VERIFY, "2001:db8:1:2:ffff:ffff:ffff:fffe")).as("same /64").isPositive();
        assertThat(limiter.acquire(Kind.VERIFY, "2001:db8:1:3::1")).as("another /64").isZero();
    }

    @Test
    void aFloodOfNewAddressesLeavesAnActiveAddressLimited() {
        RateLimiter limiter = limiter(1, 50);
        assertThat(limiter.acquire(Kind.VERIFY, "203.0.113.7")).isZero();
        for (int i = 0; i < 1_000; i++) {
            limiter.acquire(Kind.VERIFY, "198.51." + (i / 250) + "." + (i % 250));
            limiter.acquire(Kind.VERIFY, "198.51." + (i / 250) + "." + (i % 250)); // refused: fills the memory
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
        RateLimiter limiter = new RateLimiter(limits, shared, System::nanoTime);
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.acquire(Kind.RESEND, "a")).isZero();
        }
        assertThat(asked.get()).isZero();
    }
}
