package beian.verify.archfixtures.core;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/** Follows every rule: JDK types only, and time from an injected clock. */
public final class CleanCoreType {

    private final Clock clock;

    public CleanCoreType(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return Instant.now(clock);
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }
}
