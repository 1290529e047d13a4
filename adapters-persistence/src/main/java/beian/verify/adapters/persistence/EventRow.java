package beian.verify.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code provider_event}: one event at its place in its provider's stream (primary key provider, seq). */
@MappedEntity("provider_event")
record EventRow(
        String provider,
        @Id long seq,
        String eventType,
        String applicationId,
        @Nullable String maskedPhone,
        @Nullable String smsTrigger,
        @Nullable String reason,
        String occurredAt) {
}
