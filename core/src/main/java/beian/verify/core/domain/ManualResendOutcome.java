package beian.verify.core.domain;

/** Whether a manual resend to a target may go out. */
public sealed interface ManualResendOutcome {
    /** It may: the count and time were recorded; a new code is to be added and sent. */
    record Allowed() implements ManualResendOutcome {
    }

    /** Within the spacing of the last one, or the limit is used up. */
    record TooFrequent() implements ManualResendOutcome {
    }
}
