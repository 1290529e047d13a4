package beian.verify.app.jobs;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.OutboundSms.OutboxStatus;
import beian.verify.core.port.out.SmsOutbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Counters of the SMS story, read where the dispatcher records it: every state the outbox stores.
 * {@code beian.sms} by {@code trigger} and {@code outcome}: {@code sent} (the carrier took it), {@code retried}
 * (a transient failure, tried again later), {@code failed} (SMS_FAILED: refused for good or retries ran out);
 * {@code held-back} (an SMS ceiling held it back; it goes out when the window allows); {@code beian.sms.delivery}
 * (tag {@code outcome}: the carrier's delivery reports). Wraps the outbox port as it is built, so no
 * storage adapter needs to know. A transaction that rolls back after the update has been counted
 * (rare: the row is locked) — counters may run a hair high, never low.
 */
@Singleton
class SmsMetrics implements BeanCreatedEventListener<SmsOutbox> {
    private final BeanProvider<MeterRegistry> registry;

    SmsMetrics(BeanProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public SmsOutbox onCreated(BeanCreatedEvent<SmsOutbox> event) {
        return new MeteredOutbox(event.getBean());
    }

    private void count(String name, String... tags) {
        registry.get().counter(name, tags).increment();
    }

    /** The outbox, counting each transition the dispatcher stores. */
    private final class MeteredOutbox implements SmsOutbox {
        private final SmsOutbox outbox;

        MeteredOutbox(SmsOutbox outbox) {
            this.outbox = outbox;
        }

        @Override
        public void enqueue(OutboundSms sms) {
            outbox.enqueue(sms);
        }

        @Override
        public void enqueueAll(List<OutboundSms> messages) {
            outbox.enqueueAll(messages);
        }

        @Override
        public List<OutboundSms> claimDue(Instant now, Instant leaseUntil, int limit) {
            return outbox.claimDue(now, leaseUntil, limit);
        }

        @Override
        public void release(List<String> ids) {
            outbox.release(ids);
        }

        @Override
        public Optional<OutboundSms> find(String id) {
            return outbox.find(id);
        }

        @Override
        public List<Queued> queuedOf(Collection<ApplicationId> applications) {
            return outbox.queuedOf(applications);
        }

        @Override
        public Optional<OutboundSms> lockByCarrierReference(String carrierReference) {
            return outbox.lockByCarrierReference(carrierReference);
        }

        @Override
        public void update(OutboundSms sms) {
            outbox.update(sms);
            if (sms.delivery() != null) {
                count("beian.sms.delivery", "outcome", sms.delivery().name().toLowerCase(java.util.Locale.ROOT));
            } else if (sms.status() == OutboxStatus.SENT) {
                count("beian.sms", "trigger", sms.trigger().name(), "outcome", "sent");
            } else if (sms.status() == OutboxStatus.FAILED) {
                count("beian.sms", "trigger", sms.trigger().name(), "outcome", "failed");
            } else if (sms.isHeldBack()) {
                count("beian.sms", "trigger", sms.trigger().name(), "outcome", "held-back");
            } else if (sms.status() == OutboxStatus.QUEUED && sms.lastError() != null) {
                count("beian.sms", "trigger", sms.trigger().name(), "outcome", "retried");
            }
        }
    }
}
