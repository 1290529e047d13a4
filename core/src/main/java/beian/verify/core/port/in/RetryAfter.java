package beian.verify.core.port.in;

import java.time.Duration;
import java.time.Instant;

/**
 * The wait a refusal carries until what refused it allows again (a lock, a window, a ceiling): always
 * positive, since a refusal whose end has come would not have been given.
 */
public final class RetryAfter {
    private RetryAfter() {
    }

    /** From {@code now} until {@code allowedFrom}. */
    public static Duration until(Instant now, Instant allowedFrom) {
        return positive(Duration.between(now, allowedFrom));
    }

    static Duration positive(Duration wait) {
        if (wait.isNegative() || wait.isZero()) {
            throw new IllegalArgumentException("a refusal's wait is positive, not " + wait);
        }
        return wait;
    }
}
