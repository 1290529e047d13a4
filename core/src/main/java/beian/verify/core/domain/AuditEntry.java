package beian.verify.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One verify or resend attempt, for the audit: never the code or ID digits.
 *
 * @param maskedPhone   {@code 138****1234}, or {@code null} when the phone given was malformed
 * @param outcome       VERIFIED, SENT, or the refusal's stable code
 * @param clientAddress the client's address as the inbound adapter saw it
 * @param province      whose attempt it was: the province of the application that matched, else of the
 *                      platform host it came in on; {@code null}: neither
 * @param visibleTo     the provinces whose reviewers see it (DOMAIN.md "Privacy", 2026-12-07): the
 *                      platform host's and that of every application open on the phone at the time;
 *                      empty: no province's (only a reviewer of every province reads it)
 */
public record AuditEntry(Instant at, AuditAction action, String maskedPhone, String outcome, String clientAddress,
                         PhoneNumber phone, ProvinceCode province, ApplicationId applicationId,
                         Set<ProvinceCode> visibleTo) {
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        visibleTo = visibleTo == null ? Set.of() : Set.copyOf(visibleTo);
    }

    /** An entry visible to its own province only (none when it has none). */
    public AuditEntry(Instant at, AuditAction action, String maskedPhone, String outcome, String clientAddress,
                      PhoneNumber phone, ProvinceCode province, ApplicationId applicationId) {
        this(at, action, maskedPhone, outcome, clientAddress, phone, province, applicationId,
                province == null ? Set.of() : Set.of(province));
    }

    /** An entry that names no phone (for its lookup), province or application. */
    public AuditEntry(Instant at, AuditAction action, String maskedPhone, String outcome, String clientAddress) {
        this(at, action, maskedPhone, outcome, clientAddress, null, null, null, Set.of());
    }

    /**
     * An attempt with the phone as typed, visible to its own province only: see
     * {@link #of(Instant, AuditAction, String, String, String, ProvinceCode, ApplicationId, Set)}.
     */
    public static AuditEntry of(Instant at, AuditAction action, String typedPhone, String outcome, String clientAddress,
                                ProvinceCode province, ApplicationId applicationId) {
        return of(at, action, typedPhone, outcome, clientAddress, province, applicationId,
                province == null ? Set.of() : Set.of(province));
    }

    /**
     * An attempt with the phone as typed: masked when it is a phone, left out when it is not. The
     * phone itself is there for the store's lookup index (reviewers search by phone) and is never shown;
     * {@code province} and {@code applicationId} say whose attempt it was, {@code visibleTo} which
     * provinces' reviewers read it.
     */
    public static AuditEntry of(Instant at, AuditAction action, String typedPhone, String outcome, String clientAddress,
                                ProvinceCode province, ApplicationId applicationId, Set<ProvinceCode> visibleTo) {
        PhoneNumber phone = null;
        try {
            phone = PhoneNumber.of(typedPhone);
        } catch (InvalidInputException e) {
            // a malformed phone is audited without it
        }
        return new AuditEntry(at, action, phone == null ? null : phone.masked(), outcome, clientAddress, phone,
                province, applicationId, visibleTo);
    }

    /** Whether a reviewer of any of {@code provinces} reads it. */
    public boolean visibleToAnyOf(Set<ProvinceCode> provinces) {
        return visibleTo.stream().anyMatch(provinces::contains);
    }

    @Override
    public String toString() {
        return "AuditEntry[" + at + ", " + action + ", " + maskedPhone + ", " + outcome + ", " + province + ", "
                + applicationId + ", visible to " + visibleTo + "]";
    }
}
