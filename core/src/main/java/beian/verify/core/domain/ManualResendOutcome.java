package beian.verify.core.domain;

import java.time.Instant;
import java.util.Objects;

/** Whether the manual-resend limits of a target let one more go (DOMAIN.md "Manual resend"). */
public sealed interface ManualResendOutcome {
    /** It may: the target's code is to be sent again. */
    record Allowed() implements ManualResendOutcome {
    }

    /** Within the spacing of the last one: allowed again from {@code allowedFrom}. */
    record TooSoon(Instant allowedFrom) implements ManualResendOutcome {
        public TooSoon {
            Objects.requireNonNull(allowedFrom, "allowedFrom");
        }
    }

    /** The target's manual resends are used up: never again. */
    record UsedUp() implements ManualResendOutcome {
    }
}
