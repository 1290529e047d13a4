package beian.verify.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A row of {@code provider_event}: one event, by its insertion id, and its place in its provider's
 * stream once the sequencer has stamped it ({@code seq} is null until then).
 */
@MappedEntity("provider_event")
record EventRow(
        @Id long id,
        String provider,
        @Nullable Long seq,
        String eventType,
        String applicationId,
        @Nullable String maskedPhone,
        @Nullable String smsTrigger,
        @Nullable String reason,
        String occurredAt) {
}
