package beian.verify.core.domain;

/** Where an application is in its life. RETURNED, APPROVED and REJECTED are final. */
public enum ApplicationStatus {
    PENDING_VERIFICATION,
    READY_FOR_REVIEW,
    RETURNED,
    APPROVED,
    REJECTED;

    /** Closed (DOMAIN.md "Privacy"): final, so the retention period runs from here. A withdrawal is a return. */
    public boolean isClosed() {
        return this == RETURNED || this == APPROVED || this == REJECTED;
    }
}
