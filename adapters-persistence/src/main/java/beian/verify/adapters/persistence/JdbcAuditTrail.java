package beian.verify.adapters.persistence;

import beian.verify.core.domain.AuditEntry;
import beian.verify.core.port.out.AuditTrail;
import beian.verify.core.port.out.TransactionRunner;
import jakarta.inject.Singleton;

/** Verify and resend attempts in {@code audit_entry}. */
@Singleton
class JdbcAuditTrail implements AuditTrail {
    private final AuditRows rows;
    private final TransactionRunner transactions;

    JdbcAuditTrail(AuditRows rows, TransactionRunner transactions) {
        this.rows = rows;
        this.transactions = transactions;
    }

    /** In the caller's transaction, or its own when there is none. Over-long free text is clipped, never refused. */
    @Override
    public void record(AuditEntry entry) {
        transactions.inTransaction(() -> rows.save(new AuditRow(null, SqlTime.of(entry.at()), Sql.clip(entry.action(), 16),
                Sql.clip(entry.maskedPhone(), 16), Sql.clip(entry.outcome(), 64), Sql.clip(entry.clientAddress(), 64))));
    }
}
