package beian.verify.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long the personal data of a closed application is kept (DOMAIN.md "Privacy": PIPL, no longer
 * than needed; 180 days by default). An application closed strictly before {@link #cutoff} is past it.
 */
public record RetentionPeriod(Duration length) {
    public static final Duration DEFAULT = Duration.ofDays(180);

    public RetentionPeriod {
        Objects.requireNonNull(length, "length");
        if (length.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("the retention period must be at least one day, not " + length);
        }
    }

    public static RetentionPeriod defaults() {
        return new RetentionPeriod(DEFAULT);
    }

    /** Applications closed before this instant have been closed longer than the period at {@code now}. */
    public Instant cutoff(Instant now) {
        return now.minus(length);
    }

    /** Whether an application closed at {@code closedAt} is past the period at {@code now}. */
    public boolean isPast(Instant closedAt, Instant now) {
        return closedAt.isBefore(cutoff(now));
    }
}
