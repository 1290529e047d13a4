package beian.verify.core.domain;

import java.util.Objects;

/**
 * Where an application stands: its status and what review or return said. Each transition is a
 * named wither, so no caller copies fields by position.
 */
public record ApplicationProgress(
        ApplicationStatus status,
        ReturnReason returnReason,
        boolean autoResendDone,
        FilingNumber filingNumber,
        String rejectReason) {

    public ApplicationProgress {
        Objects.requireNonNull(status, "status");
    }

    /** Just submitted: waiting for verification, or (with nobody to verify) ready for review. */
    public static ApplicationProgress submitted(boolean verifies) {
        return new ApplicationProgress(verifies ? ApplicationStatus.PENDING_VERIFICATION
                : ApplicationStatus.READY_FOR_REVIEW, null, false, null, null);
    }

    ApplicationProgress readyForReview() {
        return new ApplicationProgress(ApplicationStatus.READY_FOR_REVIEW, null, autoResendDone, filingNumber, rejectReason);
    }

    ApplicationProgress returned(ReturnReason reason) {
        return new ApplicationProgress(ApplicationStatus.RETURNED, reason, autoResendDone, filingNumber, rejectReason);
    }

    ApplicationProgress approved(FilingNumber number) {
        return new ApplicationProgress(ApplicationStatus.APPROVED, null, autoResendDone, number, null);
    }

    ApplicationProgress rejected(String reason) {
        return new ApplicationProgress(ApplicationStatus.REJECTED, null, autoResendDone, null, reason);
    }

    ApplicationProgress autoResendTaken() {
        return new ApplicationProgress(status, returnReason, true, filingNumber, rejectReason);
    }
}
