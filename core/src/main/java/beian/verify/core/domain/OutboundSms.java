package beian.verify.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One SMS in the outbox, queued in the transaction of the change that causes it and sent by the
 * dispatcher at least once. Its text holds a code: {@code toString} leaves it out.
 *
 * @param id             the outbox id, also the idempotency key given to the carrier
 * @param attempts       carrier attempts made so far
 * @param nextAttemptAt  when it is next due
 * @param leaseUntil     while a dispatcher holds it; {@code null} when nobody does
 * @param carrierReference the carrier's id of the accepted message (delivery reports name it)
 * @param delivery       what the carrier reported about delivery; {@code null} until it does
 */
public record OutboundSms(
        String id,
        ProviderId provider,
        ApplicationId applicationId,
        int targetNumber,
        PhoneNumber phone,
        String text,
        SmsTrigger trigger,
        OutboxStatus status,
        int attempts,
        Instant nextAttemptAt,
        Instant leaseUntil,
        String lastError,
        String carrierReference,
        Delivery delivery) {

    /** QUEUED until the carrier accepts it (SENT) or it is given up (FAILED) or no longer needed (CANCELLED). */
    public enum OutboxStatus { QUEUED, SENT, FAILED, CANCELLED }

    /** The carrier's delivery report. */
    public enum Delivery { DELIVERED, UNDELIVERED }

    public OutboundSms {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    }

    /** A message due at once. */
    public static OutboundSms queued(String id, ProviderId provider, ApplicationId applicationId, int targetNumber,
                                     PhoneNumber phone, String text, SmsTrigger trigger, Instant now) {
        return new OutboundSms(id, provider, applicationId, targetNumber, phone, text, trigger, OutboxStatus.QUEUED,
                0, now, null, null, null, null);
    }

    public OutboundSms leased(Instant until) {
        return new OutboundSms(id, provider, applicationId, targetNumber, phone, text, trigger, status, attempts,
                nextAttemptAt, until, lastError, carrierReference, delivery);
    }

    /** The carrier took it; the text (and so the code) is no longer kept. */
    public OutboundSms sent(String reference) {
        return new OutboundSms(id, provider, applicationId, targetNumber, phone, null, trigger, OutboxStatus.SENT,
                attempts + 1, nextAttemptAt, null, null, reference, null);
    }

    /** The carrier reported on delivery. */
    public OutboundSms delivered(Delivery report) {
        return new OutboundSms(id, provider, applicationId, targetNumber, phone, text, trigger, status, attempts,
                nextAttemptAt, leaseUntil, lastError, carrierReference, report);
    }

    public OutboundSms retryAt(Instant when, String error) {
        return new OutboundSms(id, provider, applicationId, targetNumber, phone, text, trigger, OutboxStatus.QUEUED,
                attempts + 1, when, null, error, null, null);
    }

    public OutboundSms failed(String error) {
        return new OutboundSms(id, provider, applicationId, targetNumber, phone, null, trigger, OutboxStatus.FAILED,
                attempts + 1, nextAttemptAt, null, error, null, null);
    }

    public OutboundSms cancelled() {
        return new OutboundSms(id, provider, applicationId, targetNumber, phone, null, trigger,
                OutboxStatus.CANCELLED, attempts, nextAttemptAt, null, lastError, null, null);
    }

    @Override
    public String toString() {
        return "OutboundSms[" + id + ", " + applicationId + "#" + targetNumber + ", " + phone.masked() + ", "
                + trigger + ", " + status + ", attempts=" + attempts + "]";
    }
}
