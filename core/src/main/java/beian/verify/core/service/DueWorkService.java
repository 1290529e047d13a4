package beian.verify.core.service;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ApplicationRecord;
import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.ProvinceCatalog;
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.domain.Transition;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.domain.VerificationTarget;
import beian.verify.core.port.in.RecordDeliveryUseCase;
import beian.verify.core.port.in.RunDueWorkUseCase;
import beian.verify.core.port.out.SmsSender.SendResult;
import java.time.Duration;
import java.time.Instant;
import beian.verify.core.domain.PhoneNumber;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * The work time brings: returns at the deadline, the automatic resend at noon the next day, and
 * handing queued SMS to the carrier. What is due is selected from storage, never kept in memory,
 * and each item is changed in its own transaction under a row lock, so several instances may run
 * it at once without doing anything twice.
 */
public final class DueWorkService implements RunDueWorkUseCase, RecordDeliveryUseCase {
    private final Ports ports;
    private final VerificationSettings settings;
    private final CodeIssuer codeIssuer;

    public DueWorkService(Ports ports, ProvinceCatalog provinces, VerificationSettings settings) {
        this.ports = ports;
        this.settings = settings;
        this.codeIssuer = new CodeIssuer(ports.codes(), new Secrets(ports.hasher()), ports.random(), provinces, settings);
    }

    @Override
    public WorkReport returnExpired(int batchSize) {
        Instant now = ports.clock().now();
        List<ApplicationId> due = ports.transactions().inTransaction(
                () -> ports.applications().findDueForReturn(now, batchSize));
        return forEach(due, id -> ports.transactions().inTransaction(() -> {
            Optional<ApplicationRecord> record = ports.applications().lockById(id);
            if (record.isEmpty()) {
                return false;
            }
            FilingApplication application = FilingApplication.restore(record.get());
            if (application.expire(now) instanceof Transition.Done) {
                ports.applications().update(application.state());
                ports.events().append(application.pullEvents());
                return true;
            }
            return false;
        }));
    }

    @Override
    public WorkReport sendAutoResends(int batchSize) {
        Instant now = ports.clock().now();
        List<ApplicationId> due = ports.transactions().inTransaction(
                () -> ports.applications().findDueForAutoResend(now, batchSize));
        WorkReport report = forEach(due, id -> ports.transactions().inTransaction(() -> {
            // Locks in the order every other path takes them: the phones, then the applications
            // open on those phones in id order (this one among them), never this one alone first.
            Optional<ApplicationRecord> unlocked = ports.applications().findById(id);
            if (unlocked.isEmpty()) {
                return false;
            }
            List<VerificationTarget> pending = unlocked.get().targets().stream()
                    .filter(VerificationTarget::isPending).toList();
            SubmissionService.lockPhones(ports, pending);
            Map<ApplicationId, FilingApplication> open = new LinkedHashMap<>();
            pending.stream().map(VerificationTarget::phone).distinct().sorted(Comparator.comparing(PhoneNumber::value))
                    .flatMap(phone -> ports.applications().lockOpenByPhone(phone, now).stream())
                    .forEach(r -> open.putIfAbsent(r.id(), FilingApplication.restore(r)));
            FilingApplication application = open.get(id);
            if (application == null) {
                return false;
            }
            List<Integer> targets = application.takeAutoResend(now);
            if (targets.isEmpty()) {
                return false;
            }
            List<OutboundSms> messages = new ArrayList<>();
            for (int number : targets) {
                messages.add(codeIssuer.issue(application, number, SmsTrigger.AUTO_RESEND, List.copyOf(open.values()), now));
            }
            ports.applications().update(application.state());
            messages.forEach(ports.outbox()::enqueue);
            return true;
        }));
        if (report.done() > 0) {
            ports.dispatchSignal().messagesQueued();
        }
        return report;
    }

    @Override
    public WorkReport dispatchSms(int batchSize) {
        Instant now = ports.clock().now();
        Instant leaseUntil = now.plus(settings.smsLease());
        List<OutboundSms> claimed = ports.transactions().inTransaction(
                () -> ports.outbox().claimDue(now, leaseUntil, batchSize));
        List<ItemError> errors = new ArrayList<>();
        int done = 0;
        int skipped = 0;
        for (OutboundSms sms : claimed) {
            try {
                if (dispatch(sms)) {
                    done++;
                } else {
                    skipped++;
                }
            } catch (RuntimeException e) {
                errors.add(new ItemError(sms.id(), e.toString()));
            }
        }
        return new WorkReport(done, skipped, errors);
    }

    /** Sends one claimed message and records what the carrier said; false when it was no longer needed. */
    private boolean dispatch(OutboundSms sms) {
        Optional<ApplicationRecord> application = ports.transactions().inTransaction(
                () -> ports.applications().findById(sms.applicationId()));
        Instant checkedAt = ports.clock().now();
        boolean stillWanted = application.map(FilingApplication::restore)
                .filter(a -> a.acceptsVerificationAt(checkedAt) && a.target(sms.targetNumber()).isPending())
                .isPresent();
        if (!stillWanted) {
            ports.transactions().inTransaction(() -> {
                ports.outbox().update(sms.cancelled());
                return null;
            });
            return false;
        }
        SendResult result = ports.sms().send(sms.phone(), sms.text(), sms.id());
        Instant now = ports.clock().now();
        return ports.transactions().inTransaction(() -> record(sms, result, now));
    }

    private boolean record(OutboundSms claimed, SendResult result, Instant now) {
        // The application's row lock comes first: two dispatchers recording the same message (one
        // took it over after the other's lease ran out) queue up here, and the second then reads
        // the first one's outcome below and stops.
        FilingApplication application = FilingApplication.restore(
                ports.applications().lockById(claimed.applicationId()).orElseThrow());
        Optional<OutboundSms> current = ports.outbox().find(claimed.id());
        if (current.isEmpty() || current.get().status() != OutboundSms.OutboxStatus.QUEUED
                || current.get().attempts() != claimed.attempts()) {
            return false; // another dispatcher took it over after our lease ran out and has recorded it
        }
        if (result instanceof SendResult.Accepted accepted) {
            ports.outbox().update(claimed.sent(accepted.carrierReference()));
            application.recordSmsSent(claimed.targetNumber(), claimed.trigger(), now);
        } else if (result instanceof SendResult.TransientFailure t && claimed.attempts() + 1 < settings.smsMaxAttempts()) {
            ports.outbox().update(claimed.retryAt(now.plus(backoff(claimed.attempts())), t.reason()));
            return true;
        } else {
            String reason = result instanceof SendResult.TransientFailure t
                    ? "retries exhausted: " + t.reason()
                    : ((SendResult.PermanentFailure) result).reason();
            ports.outbox().update(claimed.failed(reason));
            application.recordSmsFailed(claimed.targetNumber(), claimed.trigger(), reason, now);
        }
        ports.applications().update(application.state());
        ports.events().append(application.pullEvents());
        return true;
    }

    @Override
    public int purgeExpiredCaptchas() {
        Instant now = ports.clock().now();
        return ports.transactions().inTransaction(() -> ports.captchas().purgeExpired(now));
    }

    @Override
    public DeliveryResult record(DeliveryReport report) {
        if (report.carrierReference() == null || report.carrierReference().isBlank()) {
            return DeliveryResult.UNKNOWN;
        }
        return ports.transactions().inTransaction(() -> {
            Optional<OutboundSms> sms = ports.outbox().lockByCarrierReference(report.carrierReference());
            if (sms.isEmpty()) {
                return DeliveryResult.UNKNOWN;
            }
            if (sms.get().delivery() != null) {
                return DeliveryResult.DUPLICATE;
            }
            ports.outbox().update(sms.get().delivered(report.delivered()
                    ? OutboundSms.Delivery.DELIVERED : OutboundSms.Delivery.UNDELIVERED));
            FilingApplication application = FilingApplication.restore(
                    ports.applications().lockById(sms.get().applicationId()).orElseThrow());
            application.recordDelivery(sms.get().targetNumber(), report.delivered(), report.reason(),
                    report.reportedAt() == null ? ports.clock().now() : report.reportedAt());
            ports.applications().update(application.state());
            ports.events().append(application.pullEvents());
            return DeliveryResult.RECORDED;
        });
    }

    /** Exponential backoff with jitter: base x 2^attempt, capped, then scaled by a random factor in [0.5, 1). */
    Duration backoff(int attemptsSoFar) {
        long base = settings.smsRetryBase().toMillis();
        long capped = Math.min(settings.smsRetryMax().toMillis(), base << Math.min(attemptsSoFar, 30));
        return Duration.ofMillis((long) (capped * (0.5 + ports.random().nextDouble() / 2)));
    }

    private interface Item {
        boolean run(ApplicationId id);
    }

    private static WorkReport forEach(List<ApplicationId> ids, Item item) {
        int done = 0;
        int skipped = 0;
        List<ItemError> errors = new ArrayList<>();
        for (ApplicationId id : ids) {
            try {
                if (item.run(id)) {
                    done++;
                } else {
                    skipped++;
                }
            } catch (RuntimeException e) {
                errors.add(new ItemError(id.value(), e.toString()));
            }
        }
        return new WorkReport(done, skipped, errors);
    }
}
