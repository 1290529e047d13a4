package beian.verify.core.port.in;

import beian.verify.core.domain.AuditEntry;
import java.time.Instant;
import java.util.List;

/** A reviewer reads the verification platform's audit of its provinces (API.md ListAuditRecords). */
public interface ListAuditRecordsUseCase {

    Outcome<AuditPage> list(ListAuditRecordsQuery query);

    /**
     * @param province      {@code null} or blank: every province of the reviewer
     * @param phone         {@code null} or blank: any phone; else matched exactly (and shown masked)
     * @param applicationId {@code null} or blank: any
     * @param from          {@code null}: from the start; inclusive
     * @param to            {@code null}: until now; exclusive
     */
    record ListAuditRecordsQuery(Caller.Reviewer reviewer, String province, String phone, String applicationId,
                                 Instant from, Instant to, int pageSize, String pageToken) {
        @Override
        public String toString() {
            return "ListAuditRecordsQuery[" + province + ", phone=***, " + applicationId + "]";
        }
    }

    /** One page of entries (phones masked) and the token of the next, {@code null} at the end. */
    record AuditPage(List<AuditEntry> records, String nextPageToken) {
        public AuditPage {
            records = List.copyOf(records);
        }
    }
}
