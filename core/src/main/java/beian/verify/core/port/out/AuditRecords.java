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
     * Up to {@code limit} entries in {@code scope}, each once (an entry visible to several of its
     * provinces too), in the order recorded, after the entry at position {@code afterPosition} (0: from
     * the start). {@code phone} and {@code applicationId} narrow it when given; the time range is
     * {@code [from, to)}, either end open when {@code null}.
     */
    List<Stored> list(Scope scope, PhoneNumber phone, ApplicationId applicationId, Instant from, Instant to,
                      long afterPosition, int limit);

    /** An entry and its position in the audit (for the next page). */
    record Stored(long position, AuditEntry entry) {
    }

    /**
     * Which entries: those visible to one of {@code provinces} ({@link AuditEntry#visibleTo()}), or
     * ({@code national}) every entry, those visible to no province included: the national view.
     */
    record Scope(Set<ProvinceCode> provinces, boolean national) {
        public Scope {
            provinces = Set.copyOf(provinces);
        }

        public static Scope visibleToAnyOf(Set<ProvinceCode> provinces) {
            return new Scope(provinces, false);
        }

        public static Scope nationalView() {
            return new Scope(Set.of(), true);
        }

        /** Whether the entry is in this scope. */
        public boolean includes(AuditEntry entry) {
            return national || entry.visibleToAnyOf(provinces);
        }
    }
}
