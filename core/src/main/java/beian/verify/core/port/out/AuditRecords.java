package beian.verify.core.port.out;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.AuditEntry;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProvinceCode;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Reading the audit of the verification platform, for reviewers. */
public interface AuditRecords {

    /**
     * Up to {@code limit} entries filed under one of {@code provinces}, in the order recorded, after
     * the entry at position {@code afterPosition} (0: from the start). {@code phone} and
     * {@code applicationId} narrow it when given; the time range is {@code [from, to)}, either end open
     * when {@code null}.
     */
    List<Stored> list(Set<ProvinceCode> provinces, PhoneNumber phone, ApplicationId applicationId, Instant from,
                      Instant to, long afterPosition, int limit);

    /** An entry and its position in the audit (for the next page). */
    record Stored(long position, AuditEntry entry) {
    }
}
