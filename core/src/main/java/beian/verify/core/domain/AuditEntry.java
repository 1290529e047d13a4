package beian.verify.core.domain;

import java.time.Instant;

/**
 * One verify or resend attempt, for the audit: never the code or ID digits.
 *
 * @param action        VERIFY or RESEND
 * @param maskedPhone   {@code 138****1234}, or {@code null} when the phone given was malformed
 * @param outcome       VERIFIED, SENT, or the error code
 * @param clientAddress the client's address as the inbound adapter saw it
 */
public record AuditEntry(Instant at, String action, String maskedPhone, String outcome, String clientAddress) {
}
