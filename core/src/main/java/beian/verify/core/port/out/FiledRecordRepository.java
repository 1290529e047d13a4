package beian.verify.core.port.out;

import beian.verify.core.domain.DomainName;
import beian.verify.core.domain.FiledRecord;
import java.util.Optional;

/** Storage of filed records (备案成功信息), one per domain. */
public interface FiledRecordRepository {
    Optional<FiledRecord> find(DomainName domain);

    /** Inserts or replaces the record of its domain. */
    void upsert(FiledRecord record);

    void delete(DomainName domain);
}
