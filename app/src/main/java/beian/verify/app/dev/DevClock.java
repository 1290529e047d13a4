package beian.verify.app.dev;

import beian.verify.core.port.out.AppClock;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application clock of the dev environment: the system clock plus an offset that only grows, so a
 * demo can jump to noon tomorrow or past the deadline. Replaces CoreFactory's system clock (that one is
 * {@code @Secondary}); does not exist outside the dev environment.
 */
@Singleton
@Requires(env = "dev")
public class DevClock implements AppClock {
    private final Clock system;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    DevClock() {
        this(Clock.systemUTC());
    }

    DevClock(Clock system) {
        this.system = system;
    }

    @Override
    public Instant now() {
        return system.instant().plus(offset.get());
    }

    /** Moves the clock forward; the new now. */
    public Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        offset.accumulateAndGet(by, Duration::plus);
        return now();
    }
}
