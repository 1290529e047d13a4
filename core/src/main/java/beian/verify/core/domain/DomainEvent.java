package beian.verify.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A change of an application or target, before the event store gives it its place in the
 * provider's stream. Carries masked phones only.
 */
public record DomainEvent(
        ProviderId provider,
        EventType type,
        ApplicationId applicationId,
        String maskedPhone,
        SmsTrigger trigger,
        String reason,
        Instant occurredAt) {

    public DomainEvent {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /**
     * The event as retention leaves it (DOMAIN.md "Privacy"): no masked phone and no free text (a
     * rejection's reason, a carrier's error); a return keeps its reason, which is one of {@link ReturnReason}.
     */
    public DomainEvent erased() {
        return new DomainEvent(provider, type, applicationId, null, trigger, type == EventType.RETURNED ? reason : null,
                occurredAt);
    }
}
