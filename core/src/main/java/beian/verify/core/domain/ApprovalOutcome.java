package beian.verify.core.domain;

/** What the 管局's approval of an application did. */
public sealed interface ApprovalOutcome {
    /** Approved under {@code filingNumber}. */
    record Approved(FilingNumber filingNumber) implements ApprovalOutcome {
    }

    /** Not ready for review. */
    record WrongStatus(ApplicationStatus current) implements ApprovalOutcome {
    }

    /** No filing number was given where the rule needs one. */
    record FilingNumberRequired(String reason) implements ApprovalOutcome {
    }
}
