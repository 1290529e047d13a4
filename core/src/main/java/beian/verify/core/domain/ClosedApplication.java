package beian.verify.core.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What retention needs of a closed application: its id, and the anonymous facts it is counted by
 * before its personal data goes (province, filing type, outcome, day closed).
 */
public record ClosedApplication(ApplicationId id, ProvinceCode province, FilingType type, ApplicationStatus status,
                                ReturnReason returnReason, Instant closedAt) {
    public ClosedApplication {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(province, "province");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(closedAt, "closedAt");
        if (!status.isClosed()) {
            throw new IllegalArgumentException(id + " is " + status + ", not closed");
        }
    }

    /** APPROVED, REJECTED, or RETURNED_ and the reason (a withdrawal is RETURNED_WITHDRAWN). */
    public String outcome() {
        return status == ApplicationStatus.RETURNED && returnReason != null ? "RETURNED_" + returnReason.name()
                : status.name();
    }

    /** The anonymous count this application adds to: one, on the day it closed in {@code zone}. */
    public ClosedCount count(ZoneId zone) {
        return new ClosedCount(closedOn(zone), province, type, outcome(), 1);
    }

    /** The calendar day it closed in {@code zone}. */
    public LocalDate closedOn(ZoneId zone) {
        return closedAt.atZone(zone).toLocalDate();
    }
}
