package beian.verify.core.testing;

import beian.verify.core.domain.DomainName;
import beian.verify.core.domain.FiledRecord;
import beian.verify.core.port.out.FiledRecordRepository;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Filed records by domain. */
public final class InMemoryFiledRecordRepository implements FiledRecordRepository, InMemoryTransactions.Participant {
    private final InMemoryTransactions tx;
    private Map<DomainName, FiledRecord> rows = new HashMap<>();

    public InMemoryFiledRecordRepository(InMemoryTransactions tx) {
        this.tx = tx;
        tx.enlist(this);
    }

    @Override
    public Optional<FiledRecord> find(DomainName domain) {
        tx.requireTransaction();
        return Optional.ofNullable(rows.get(domain));
    }

    @Override
    public void upsert(FiledRecord record) {
        tx.requireTransaction();
        rows.put(record.domain(), record);
    }

    @Override
    public void delete(DomainName domain) {
        tx.requireTransaction();
        rows.remove(domain);
    }

    @Override
    public Object snapshot() {
        return new HashMap<>(rows);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        rows = new HashMap<>((Map<DomainName, FiledRecord>) snapshot);
    }
}
