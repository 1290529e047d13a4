package beian.verify.core.testing;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.port.out.AuditRecords;
import java.time.Instant;

import beian.verify.core.domain.AuditEntry;
import beian.verify.core.port.out.AuditTrail;
import java.util.LinkedHashMap;
import java.util.List;

/** Audit entries in insertion order; written in the caller's transaction and undone with it, like the real one. */
public final class InMemoryAuditTrail extends InMemoryTable<Integer, AuditEntry> implements AuditTrail, AuditRecords {

    public InMemoryAuditTrail(InMemoryTransactions tx) {
        super(tx, LinkedHashMap::new);
    }

    @Override
    public void record(AuditEntry entry) {
        rows().put(rows().keySet().stream().max(Integer::compare).orElse(-1) + 1, entry); // positions never reused
    }

    @Override
    public List<Stored> list(Scope scope, PhoneNumber phone, ApplicationId applicationId, Instant from, Instant to,
                             long afterPosition, int limit) {
        return rows().entrySet().stream()
                .map(e -> new Stored(e.getKey() + 1L, e.getValue()))
                .filter(s -> s.position() > afterPosition)
                .filter(s -> scope.includes(s.entry()))
                .filter(s -> phone == null || phone.equals(s.entry().phone()))
                .filter(s -> applicationId == null || applicationId.equals(s.entry().applicationId()))
                .filter(s -> from == null || !s.entry().at().isBefore(from))
                .filter(s -> to == null || s.entry().at().isBefore(to))
                .limit(limit).toList();
    }

    /** Drops the entries {@code erase} picks (retention), in the caller's transaction; positions stay. */
    int erase(java.util.function.Predicate<AuditEntry> erase, int limit) {
        List<Integer> gone = rows().entrySet().stream().filter(e -> erase.test(e.getValue())).limit(limit)
                .map(java.util.Map.Entry::getKey).toList();
        gone.forEach(rows()::remove);
        return gone.size();
    }

    public List<AuditEntry> entries() {
        return List.copyOf(peek().values());
    }
}
