package beian.verify.core.port.in;

import java.util.List;

/** Bulk import of earlier filings by the 管局 (upsert by domain). One bad record does not stop the rest. */
public interface ImportFiledRecordsUseCase {
    /** The most records one import may carry. */
    int MAX_RECORDS = 10_000;

    /** Failed as a whole only when the request itself is refused (too many records). */
    Outcome<ImportReport> importRecords(ImportFiledRecordsCommand command);

    record ImportFiledRecordsCommand(Caller.Reviewer reviewer, List<FiledRecordInput> records) {
    }

    /** A record as received; phones are full numbers. */
    record FiledRecordInput(String domain, String filingNumber, String province, String providerId,
                            String subjectPrincipalPhone, String websitePrincipalPhone) {
        @Override
        public String toString() {
            return "FiledRecordInput[" + domain + "]";
        }
    }

    /** How many were stored, and why each other one was not (by its index in the request). */
    record ImportReport(int imported, List<ItemFailure> failures) {
    }

    record ItemFailure(int index, Failure failure) {
    }
}
