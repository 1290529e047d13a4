package beian.verify.core.testing;

import beian.verify.core.domain.AuditEntry;
import beian.verify.core.port.out.AuditTrail;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Audit entries in a list. */
public final class InMemoryAuditTrail implements AuditTrail {
    private final List<AuditEntry> entries = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEntry entry) {
        entries.add(entry);
    }

    public List<AuditEntry> entries() {
        return List.copyOf(entries);
    }
}
