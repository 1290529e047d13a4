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
public record AuditEntry(Instant at, AuditAction action, String maskedPhone, String outcome, String clientAddress) {
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** An attempt with the phone as typed: masked when it is a phone, left out when it is not. */
    public static AuditEntry of(Instant at, AuditAction action, String typedPhone, String outcome, String clientAddress) {
        String masked = null;
        try {
            masked = PhoneNumber.of(typedPhone).masked();
        } catch (InvalidInputException e) {
            // a malformed phone is audited without it
        }
        return new AuditEntry(at, action, masked, outcome, clientAddress);
    }
}
