package beian.verify.adapters.persistence;

import beian.verify.core.domain.AuditEntry;
import beian.verify.core.port.out.AuditTrail;
import jakarta.inject.Singleton;

/** Verify and resend attempts in {@code audit_entry}. */
@Singleton
class JdbcAuditTrail implements AuditTrail {
    private final AuditRows rows;

    JdbcAuditTrail(AuditRows rows) {
        this.rows = rows;
    }

    /** In the caller's transaction (the attempt's own). Over-long free text is clipped, never refused. */
    @Override
    public void record(AuditEntry entry) {
        rows.save(new AuditRow(null, SqlTime.of(entry.at()), entry.action().name(), Sql.clip(entry.maskedPhone(), 16),
                Sql.clip(entry.outcome(), 64), Sql.clip(entry.clientAddress(), 64)));
    }
}
