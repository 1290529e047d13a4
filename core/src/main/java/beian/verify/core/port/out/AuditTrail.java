package beian.verify.core.port.out;

import beian.verify.core.domain.AuditEntry;

/** Where verify and resend attempts are recorded. */
public interface AuditTrail {
    void record(AuditEntry entry);
}
