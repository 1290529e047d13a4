package beian.verify.core.domain;

/** Whether a manual resend to a target may go out. */
public sealed interface ManualResendOutcome {
    /** It may: the count and time were recorded; the target's code is to be sent again. */
    record Allowed() implements ManualResendOutcome {
    }

    /** Within the spacing of the last one, or the limit is used up. */
    record TooFrequent() implements ManualResendOutcome {
    }
}
