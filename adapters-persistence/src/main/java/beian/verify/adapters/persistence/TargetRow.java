package beian.verify.adapters.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.core.annotation.Nullable;

/**
 * A row of {@code verification_target}: roles and code hashes as comma-separated lists, the phone encrypted,
 * the draw of the target's code ({@code null} before its first SMS, and in rows stored before V10 until their next).
 */
// Mapped as an entity (read-only, by @Query) so each column is read as its declared type; the real key is
// (application_id, target_number), which the SQL handles.
@MappedEntity("verification_target")
record TargetRow(
        @Id String applicationId,
        int targetNumber,
        String roles,
        String phone,
        String phoneIndex,
        String idType,
        String idTailHash,
        String status,
        int idFailures,
        String codeHashes,
        @Nullable Integer codeDraw,
        int smsSentCount,
        int manualResends,
        @Nullable String lastManualResendAt,
        @Nullable String verifiedAt) {
}
