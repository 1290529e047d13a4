package beian.verify.core.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One SMS in the outbox, queued in the transaction of the change that causes it and sent by the
 * dispatcher at least once. It holds its code until the carrier takes it: {@code toString} leaves
 * it out. What else the message says (platform host, deadline) is the application's and the
 * province's, looked up when it is sent.
 *
 * @param id             the outbox id, also the idempotency key given to the carrier
 * @param code           the code it carries; {@code null} once sent, given up or cancelled
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
        VerificationCode code,
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
                                     PhoneNumber phone, VerificationCode code, SmsTrigger trigger, Instant now) {
        return new OutboundSms(id, provider, applicationId, targetNumber, phone, code, trigger, OutboxStatus.QUEUED,
                0, now, null, null, null, null);
    }

    public OutboundSms leased(Instant until) {
        return new OutboundSms(id, provider, applicationId, targetNumber, phone, code, trigger, status, attempts,
                nextAttemptAt, until, lastError, carrierReference, delivery);
    }

    /** The carrier took it; the code is no longer kept. */
    public OutboundSms sent(String reference) {
        return new OutboundSms(id, provider, applicationId, targetNumber, phone, null, trigger, OutboxStatus.SENT,
                attempts + 1, nextAttemptAt, null, null, reference, null);
    }

    /** The carrier reported on delivery. */
    public OutboundSms delivered(Delivery report) {
        return new OutboundSms(id, provider, applicationId, targetNumber, phone, code, trigger, status, attempts,
                nextAttemptAt, leaseUntil, lastError, carrierReference, report);
    }

    public OutboundSms retryAt(Instant when, String error) {
        return new OutboundSms(id, provider, applicationId, targetNumber, phone, code, trigger, OutboxStatus.QUEUED,
                attempts + 1, when, null, error, null, null);
    }

    /** How {@link #lastError} starts for a message an SMS ceiling holds back. */
    public static final String HELD_BACK = "held back: ";

    /** An SMS ceiling holds it back until {@code until}: no attempt was made, so none is counted. */
    public OutboundSms heldBack(Instant until, String reason) {
        return new OutboundSms(id, provider, applicationId, targetNumber, phone, code, trigger, OutboxStatus.QUEUED,
                attempts, until, null, HELD_BACK + reason, null, null);
    }

    /** Queued again because a ceiling held it back, not because a carrier failed. */
    public boolean isHeldBack() {
        return status == OutboxStatus.QUEUED && lastError != null && lastError.startsWith(HELD_BACK);
    }

    public OutboundSms failed(String error) {
        return new OutboundSms(id, provider, applicationId, targetNumber, phone, null, trigger, OutboxStatus.FAILED,
                attempts + 1, nextAttemptAt, null, error, null, null);
    }

    public OutboundSms cancelled() {
        return new OutboundSms(id, provider, applicationId, targetNumber, phone, null, trigger,
                OutboxStatus.CANCELLED, attempts, nextAttemptAt, null, lastError, null, null);
    }

    /** What the carrier is handed: this message's code for its phone, with where and by when to enter it. */
    public SmsMessage message(String platformHost, Instant deadline, ZoneId zone, ProvinceCode province) {
        if (code == null) {
            throw new IllegalStateException("outbox entry " + id + " holds no code any more (" + status + ")");
        }
        return new SmsMessage(phone, code, platformHost, deadline, zone, province, trigger);
    }

    @Override
    public String toString() {
        return "OutboundSms[" + id + ", " + applicationId + "#" + targetNumber + ", " + phone.masked() + ", "
                + trigger + ", " + status + ", attempts=" + attempts + "]";
    }
}
