package beian.verify.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One verify or resend attempt, for the audit: never the code or ID digits.
 *
 * @param maskedPhone   {@code 138****1234}, or {@code null} when the phone given was malformed
 * @param outcome       VERIFIED, SENT, or the refusal's stable code
 * @param clientAddress the client's address as the inbound adapter saw it
 */
public record AuditEntry(Instant at, AuditAction action, String maskedPhone, String outcome, String clientAddress,
                         PhoneNumber phone, ProvinceCode province, ApplicationId applicationId) {
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** An entry that names no phone (for its lookup), province or application. */
    public AuditEntry(Instant at, AuditAction action, String maskedPhone, String outcome, String clientAddress) {
        this(at, action, maskedPhone, outcome, clientAddress, null, null, null);
    }

    /**
     * An attempt with the phone as typed: masked when it is a phone, left out when it is not. The
     * phone itself is there for the store's lookup index (reviewers search by phone) and is never shown;
     * {@code province} and {@code applicationId} say whose attempt it was (the application that
     * matched, else the province of the platform host), so each province's reviewers read only theirs.
     */
    public static AuditEntry of(Instant at, AuditAction action, String typedPhone, String outcome, String clientAddress,
                                ProvinceCode province, ApplicationId applicationId) {
        PhoneNumber phone = null;
        try {
            phone = PhoneNumber.of(typedPhone);
        } catch (InvalidInputException e) {
            // a malformed phone is audited without it
        }
        return new AuditEntry(at, action, phone == null ? null : phone.masked(), outcome, clientAddress, phone,
                province, applicationId);
    }

    @Override
    public String toString() {
        return "AuditEntry[" + at + ", " + action + ", " + maskedPhone + ", " + outcome + ", " + province + ", "
                + applicationId + "]";
    }
}
