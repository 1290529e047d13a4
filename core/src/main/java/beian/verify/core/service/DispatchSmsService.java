package beian.verify.core.service;

import beian.verify.core.domain.ApplicationFacts;
import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.ProvinceCatalog;
import beian.verify.core.domain.SmsCeilings;
import beian.verify.core.domain.SmsMessage;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.port.in.DispatchSmsUseCase;
import beian.verify.core.port.in.WorkReport;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.ApplicationQueries;
import beian.verify.core.port.out.ApplicationRepository;
import beian.verify.core.port.out.EventStore;
import beian.verify.core.port.out.RandomSource;
import beian.verify.core.port.out.SentSmsLog;
import beian.verify.core.port.out.SmsOutbox;
import beian.verify.core.port.out.SmsSender;
import beian.verify.core.port.out.SmsSender.SendResult;
import beian.verify.core.port.out.TransactionRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.Optional;

/**
 * Hands queued SMS to the carrier, at least once each. A batch is claimed under a lease; each
 * message is then checked, sent and recorded. The carrier is called between transactions,
 * deliberately: no database transaction or row lock is ever held while a carrier answers.
 */
public final class DispatchSmsService implements DispatchSmsUseCase {
    private final ProvinceCatalog provinces;
    private final VerificationSettings settings;
    private final TransactionRunner transactions;
    private final AppClock clock;
    private final SmsOutbox outbox;
    private final ApplicationQueries queries;
    private final ApplicationRepository applications;
    private final EventStore events;
    private final SmsSender carrier;
    private final RandomSource random;
    private final SmsCeilings ceilings;
    private final SentSmsLog sentLog;

    public DispatchSmsService(ProvinceCatalog provinces, VerificationSettings settings,
                              TransactionRunner transactions, AppClock clock, SmsOutbox outbox,
                              ApplicationQueries queries, ApplicationRepository applications, EventStore events,
                              SmsSender carrier, RandomSource random, SmsCeilings ceilings, SentSmsLog sentLog) {
        this.provinces = provinces;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
        this.outbox = outbox;
        this.queries = queries;
        this.applications = applications;
        this.events = events;
        this.carrier = carrier;
        this.random = random;
        this.ceilings = ceilings;
        this.sentLog = sentLog;
    }

    @Override
    public WorkReport dispatch(int batchSize, BooleanSupplier stopRequested) {
        Instant now = clock.now();
        Instant leaseUntil = now.plus(settings.smsLease());
        List<OutboundSms> claimed = transactions.inTransaction(() -> outbox.claimDue(now, leaseUntil, batchSize));
        // Once stopping, the rest are not sent but released together below (counted as skipped).
        List<String> released = new ArrayList<>();
        WorkReport report = PerItem.run(claimed, OutboundSms::id, sms -> {
            if (!released.isEmpty() || stopRequested.getAsBoolean()) {
                released.add(sms.id());
                return false;
            }
            return dispatch(sms);
        });
        if (!released.isEmpty()) {
            transactions.inTransaction(() -> {
                outbox.release(released);
                return null;
            });
        }
        return report;
    }

    /**
     * Sends one claimed message and records what the carrier said; false when it was no longer needed. A
     * message over an SMS ceiling is not handed to any carrier: it is held back (an event) and due again when
     * the ceiling allows.
     */
    private boolean dispatch(OutboundSms sms) {
        Optional<SmsMessage> message = transactions.inTransaction(() -> stillWanted(sms));
        if (message.isEmpty()) {
            return false;
        }
        Instant checkedAt = clock.now();
        Optional<SmsCeilings.HeldBack> held = transactions.inTransaction(() -> ceilings.check(
                sentLog.sentToPhoneSince(sms.phone(), checkedAt.minus(SmsCeilings.DAY)),
                provinceSentSince(message.get(), checkedAt.minus(SmsCeilings.MINUTE)),
                provinceSentSince(message.get(), checkedAt.minus(SmsCeilings.HOUR)), checkedAt));
        if (held.isPresent()) {
            return transactions.inTransaction(() -> holdBack(sms, held.get(), checkedAt));
        }
        SendResult result = carrier.send(message.get(), sms.id());
        Instant now = clock.now();
        return transactions.inTransaction(() -> record(sms, result, now));
    }

    /** The province's SMS since {@code since}; not counted (0) when no province ceiling is configured. */
    private int provinceSentSince(SmsMessage message, Instant since) {
        return ceilings.limitsProvinces() ? sentLog.sentInProvinceSince(message.province(), since) : 0;
    }

    /** The message to send, or (the application is closed or the target done) the entry cancelled. */
    private Optional<SmsMessage> stillWanted(OutboundSms sms) {
        Instant now = clock.now();
        Optional<FilingApplication> application = queries.findById(sms.applicationId()).map(FilingApplication::restore)
                .filter(a -> a.acceptsVerificationAt(now) && a.target(sms.targetNumber()).isPending());
        if (application.isEmpty()) {
            outbox.update(sms.cancelled());
            return Optional.empty();
        }
        ApplicationFacts facts = application.get().facts();
        String host = provinces.find(facts.province()).flatMap(p -> p.host()).orElseThrow(() ->
                new IllegalStateException("province " + facts.province() + " verifies but has no platform host"));
        return Optional.of(sms.message(host, facts.deadline(), settings.zone(), facts.province()));
    }

    private boolean record(OutboundSms claimed, SendResult result, Instant now) {
        // The application's row lock comes first: two dispatchers recording the same message (one
        // took it over after the other's lease ran out) queue up here, and the second then reads
        // the first one's outcome below and stops.
        FilingApplication application = FilingApplication.restore(
                applications.lockById(claimed.applicationId()).orElseThrow());
        Optional<OutboundSms> current = outbox.find(claimed.id());
        if (current.isEmpty() || current.get().status() != OutboundSms.OutboxStatus.QUEUED
                || current.get().attempts() != claimed.attempts()) {
            return false; // another dispatcher took it over after our lease ran out and has recorded it
        }
        if (result instanceof SendResult.Accepted accepted) {
            outbox.update(claimed.sent(accepted.carrierReference()));
            sentLog.record(claimed.phone(), application.facts().province(), now);
            application.recordSmsSent(claimed.targetNumber(), claimed.trigger(), now);
        } else if (result instanceof SendResult.TransientFailure t && claimed.attempts() + 1 < settings.smsMaxAttempts()) {
            outbox.update(claimed.retryAt(now.plus(backoff(claimed.attempts())), t.reason()));
            return true;
        } else {
            String reason = result instanceof SendResult.TransientFailure t
                    ? "retries exhausted: " + t.reason()
                    : ((SendResult.PermanentFailure) result).reason();
            outbox.update(claimed.failed(reason));
            application.recordSmsFailed(claimed.targetNumber(), claimed.trigger(), reason, now);
        }
        if (!application.changedTargets().isEmpty()) {
            applications.update(application);
        }
        events.append(application.pullEvents());
        return true;
    }

    /** Queues the message again for when the ceiling allows, and tells the provider; no carrier attempt is counted. */
    private boolean holdBack(OutboundSms claimed, SmsCeilings.HeldBack held, Instant now) {
        FilingApplication application = FilingApplication.restore(
                applications.lockById(claimed.applicationId()).orElseThrow());
        Optional<OutboundSms> current = outbox.find(claimed.id());
        if (current.isEmpty() || current.get().status() != OutboundSms.OutboxStatus.QUEUED
                || current.get().attempts() != claimed.attempts()) {
            return false; // another dispatcher took it over after our lease ran out
        }
        outbox.update(claimed.heldBack(held.until(), held.reason()));
        application.recordSmsHeldBack(claimed.targetNumber(), claimed.trigger(), held.reason(), held.until(), now);
        events.append(application.pullEvents());
        return true;
    }

    /** Exponential backoff with jitter: base x 2^attempt, capped, then scaled by a random factor in [0.5, 1). */
    Duration backoff(int attemptsSoFar) {
        long base = settings.smsRetryBase().toMillis();
        long capped = Math.min(settings.smsRetryMax().toMillis(), base << Math.min(attemptsSoFar, 30));
        return Duration.ofMillis((long) (capped * (0.5 + random.nextDouble() / 2)));
    }
}
