package beian.verify.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Where an application stands: its status and what review or return said. Each transition is a
 * named wither, so no caller copies fields by position.
 *
 * @param closedAt when it became RETURNED, APPROVED or REJECTED ({@code null} while open): the
 *                 retention period counts from it
 */
public record ApplicationProgress(
        ApplicationStatus status,
        ReturnReason returnReason,
        boolean autoResendDone,
        FilingNumber filingNumber,
        String rejectReason,
        Instant closedAt) {

    public ApplicationProgress {
        Objects.requireNonNull(status, "status");
        if (status.isClosed() != (closedAt != null)) {
            throw new IllegalArgumentException("a closed application has a closing time and an open one none: "
                    + status + " closed at " + closedAt);
        }
    }

    /** Just submitted: waiting for verification, or (with nobody to verify) ready for review. */
    public static ApplicationProgress submitted(boolean verifies) {
        return new ApplicationProgress(verifies ? ApplicationStatus.PENDING_VERIFICATION
                : ApplicationStatus.READY_FOR_REVIEW, null, false, null, null, null);
    }

    ApplicationProgress readyForReview() {
        return new ApplicationProgress(ApplicationStatus.READY_FOR_REVIEW, null, autoResendDone, filingNumber, rejectReason,
                null);
    }

    ApplicationProgress returned(ReturnReason reason, Instant at) {
        return new ApplicationProgress(ApplicationStatus.RETURNED, reason, autoResendDone, filingNumber, rejectReason, at);
    }

    ApplicationProgress approved(FilingNumber number, Instant at) {
        return new ApplicationProgress(ApplicationStatus.APPROVED, null, autoResendDone, number, null, at);
    }

    ApplicationProgress rejected(String reason, Instant at) {
        return new ApplicationProgress(ApplicationStatus.REJECTED, null, autoResendDone, null, reason, at);
    }

    ApplicationProgress autoResendTaken() {
        return new ApplicationProgress(status, returnReason, true, filingNumber, rejectReason, closedAt);
    }
}
