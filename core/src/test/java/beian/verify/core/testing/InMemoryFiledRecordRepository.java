package beian.verify.core.testing;

import beian.verify.core.domain.DomainName;
import beian.verify.core.domain.FiledRecord;
import beian.verify.core.port.out.FiledRecordRepository;
import java.util.HashMap;
import java.util.Optional;

/** Filed records by domain. */
public final class InMemoryFiledRecordRepository extends InMemoryTable<DomainName, FiledRecord>
        implements FiledRecordRepository {

    public InMemoryFiledRecordRepository(InMemoryTransactions tx) {
        super(tx, HashMap::new);
    }

    @Override
    public Optional<FiledRecord> find(DomainName domain) {
        return Optional.ofNullable(rows().get(domain));
    }

    @Override
    public void upsert(FiledRecord record) {
        rows().put(record.domain(), record);
    }

    @Override
    public void delete(DomainName domain) {
        rows().remove(domain);
    }
}
