package beian.verify.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code application}; phones are ciphertexts. */
@MappedEntity("application")
record ApplicationRow(
        @Id String id,
        String provider,
        String requestId,
        String requestFingerprint,
        String filingType,
        String province,
        @Nullable String subjectName,
        boolean subjectChanged,
        @Nullable String subjectPhone,
        String status,
        @Nullable String returnReason,
        String submittedAt,
        String deadline,
        @Nullable String autoResendAt,
        boolean autoResendDone,
        @Nullable String filingNumber,
        @Nullable String rejectReason,
        long version,
        @Nullable String closedAt) {
}
