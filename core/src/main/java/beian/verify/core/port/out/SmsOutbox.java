package beian.verify.core.port.out;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.OutboundSms;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The queue of SMS to send, written in the transaction of the change that causes each. */
public interface SmsOutbox {
    void enqueue(OutboundSms sms);

    /** {@link #enqueue} of each, in the caller's transaction; a store may insert them in one statement. */
    default void enqueueAll(List<OutboundSms> messages) {
        messages.forEach(this::enqueue);
    }

    /**
     * Claims up to {@code limit} queued messages due at {@code now} that nobody holds (or whose lease
     * ran out), leasing them until {@code leaseUntil}. Two dispatchers never claim the same message.
     */
    List<OutboundSms> claimDue(Instant now, Instant leaseUntil, int limit);

    /** Drops the claim on messages a dispatcher took but will not send now (it is stopping): due again at once. */
    void release(List<String> ids);

    Optional<OutboundSms> find(String id);

    /** The messages of these ids that exist; a store may read them in one statement. */
    default List<OutboundSms> findAll(List<String> ids) {
        return ids.stream().map(this::find).flatMap(Optional::stream).toList();
    }

    /**
     * A message not yet handed over for good (status QUEUED: due, held back by a ceiling, waiting for a
     * retry, or claimed by a dispatcher right now): whose it is and when it is next due.
     */
    record Queued(ApplicationId applicationId, int targetNumber, Instant nextAttemptAt) {
    }

    /**
     * The messages of these applications still queued. Read under the applications' locks (a dispatcher
     * records a message's fate under its application's lock), so none goes from queued to sent unseen.
     */
    List<Queued> queuedOf(Collection<ApplicationId> applications);

    /** Loads and locks the message the carrier accepted under {@code carrierReference}. */
    Optional<OutboundSms> lockByCarrierReference(String carrierReference);

    /** Stores a message's new state. */
    void update(OutboundSms sms);

    /** {@link #update} of each, in the caller's transaction; a store may send them to the database together. */
    default void updateAll(List<OutboundSms> messages) {
        messages.forEach(this::update);
    }
}
