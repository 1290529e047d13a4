package beian.verify.core.testing;

import beian.verify.core.domain.AuditEntry;
import beian.verify.core.port.out.AuditTrail;
import java.util.LinkedHashMap;
import java.util.List;

/** Audit entries in insertion order; written in the caller's transaction and undone with it, like the real one. */
public final class InMemoryAuditTrail extends InMemoryTable<Integer, AuditEntry> implements AuditTrail {

    public InMemoryAuditTrail(InMemoryTransactions tx) {
        super(tx, LinkedHashMap::new);
    }

    @Override
    public void record(AuditEntry entry) {
        rows().put(rows().size(), entry);
    }

    public List<AuditEntry> entries() {
        return List.copyOf(peek().values());
    }
}
