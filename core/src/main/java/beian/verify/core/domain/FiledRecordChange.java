package beian.verify.core.domain;

/** What an approval does to one filed record (备案成功信息). */
public sealed interface FiledRecordChange {
    /** The record of its domain is written (new, moved to another provider, or changed). */
    record Upsert(FiledRecord record) implements FiledRecordChange {
    }

    /** The domain's record is removed (a cancellation). */
    record Delete(DomainName domain) implements FiledRecordChange {
    }
}
