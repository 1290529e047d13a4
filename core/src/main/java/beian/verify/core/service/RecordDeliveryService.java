package beian.verify.core.service;

import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.port.in.RecordDeliveryUseCase;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.ApplicationRepository;
import beian.verify.core.port.out.EventStore;
import beian.verify.core.port.out.SmsOutbox;
import beian.verify.core.port.out.TransactionRunner;
import java.util.Optional;

/** A carrier's delivery report becomes an event of the provider, once per message. */
public final class RecordDeliveryService implements RecordDeliveryUseCase {
    private final TransactionRunner transactions;
    private final AppClock clock;
    private final SmsOutbox outbox;
    private final ApplicationRepository applications;
    private final EventStore events;

    public RecordDeliveryService(TransactionRunner transactions, AppClock clock, SmsOutbox outbox,
                                 ApplicationRepository applications, EventStore events) {
        this.transactions = transactions;
        this.clock = clock;
        this.outbox = outbox;
        this.applications = applications;
        this.events = events;
    }

    @Override
    public DeliveryResult record(DeliveryReport report) {
        if (report.carrierReference() == null || report.carrierReference().isBlank()) {
            return DeliveryResult.UNKNOWN;
        }
        return transactions.inTransaction(() -> {
            Optional<OutboundSms> sms = outbox.lockByCarrierReference(report.carrierReference());
            if (sms.isEmpty()) {
                return DeliveryResult.UNKNOWN;
            }
            if (sms.get().delivery() != null) {
                return DeliveryResult.DUPLICATE;
            }
            outbox.update(sms.get().delivered(report.delivered()
                    ? OutboundSms.Delivery.DELIVERED : OutboundSms.Delivery.UNDELIVERED));
            FilingApplication application = FilingApplication.restore(
                    applications.lockById(sms.get().applicationId()).orElseThrow());
            application.recordDelivery(sms.get().targetNumber(), report.delivered(), report.reason(),
                    report.reportedAt() == null ? clock.now() : report.reportedAt());
            events.append(application.pullEvents());
            return DeliveryResult.RECORDED;
        });
    }
}
