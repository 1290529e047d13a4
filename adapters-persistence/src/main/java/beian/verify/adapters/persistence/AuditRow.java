package beian.verify.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code audit_entry}: masked phone and its blind index only, never a code or ID digits. */
@MappedEntity("audit_entry")
record AuditRow(
        @Id @GeneratedValue @Nullable Long id,
        String recordedAt,
        String action,
        @Nullable String maskedPhone,
        String outcome,
        @Nullable String clientAddress,
        @Nullable String province,
        @Nullable String phoneIndex,
        @Nullable String applicationId) {
}
