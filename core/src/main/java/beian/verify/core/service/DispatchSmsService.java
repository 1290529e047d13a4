package beian.verify.core.service;

import beian.verify.core.domain.ApplicationFacts;
import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ApplicationState;
import beian.verify.core.domain.DomainEvent;
import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProvinceCatalog;
import beian.verify.core.domain.ProvinceCode;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.Optional;

/**
 * Hands queued SMS to the carrier, at least once each. A batch is claimed under a lease, read in one
 * transaction (is each still wanted, the SMS ceilings), sent, and recorded in one transaction (or, with a
 * slow carrier, in one every {@link #RECORD_AFTER}). The carrier is called between transactions,
 * deliberately: no database transaction or row lock is ever held while a carrier answers.
 */
public final class DispatchSmsService implements DispatchSmsUseCase {
    /**
     * Sending longer than this since the last record records what the carrier took so far: with a fast carrier
     * a batch is recorded once; with a slow one (a real carrier, 100 ms or more a message) about once a message,
     * so a dispatcher that dies mid-batch leaves to be sent again (same key) only what the carrier took in the
     * last {@code RECORD_AFTER}, not a whole batch.
     */
    static final Duration RECORD_AFTER = Duration.ofMillis(50);

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
        if (claimed.isEmpty()) {
            return WorkReport.EMPTY;
        }
        List<Planned> plan = transactions.inTransaction(() -> plan(claimed));
        // The carrier is called outside any transaction. Once stopping, the rest are not sent but released
        // together below (counted as skipped).
        List<String> released = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        List<WorkReport.ItemError> errors = new ArrayList<>();
        int skipped = 0;
        int done = 0;
        Instant recordedAt = clock.now();
        for (Planned p : plan) {
            if (p.error() != null) {
                errors.add(new WorkReport.ItemError(p.sms().id(), p.error().toString()));
            } else if (p.message() == null && p.held() == null) {
                skipped++; // cancelled in the plan's transaction: no longer wanted
            } else if (p.held() != null) {
                outcomes.add(new Outcome(p.sms(), null, p.held(), p.heldAt()));
            } else if (!released.isEmpty() || stopRequested.getAsBoolean()) {
                released.add(p.sms().id());
            } else {
                try {
                    SendResult result = carrier.send(p.message(), p.sms().id());
                    outcomes.add(new Outcome(p.sms(), result, null, clock.now()));
                } catch (RuntimeException e) {
                    // nothing recorded: it stays claimed and is sent again after its lease, under the same key
                    errors.add(new WorkReport.ItemError(p.sms().id(), e.toString()));
                }
                if (!clock.now().isBefore(recordedAt.plus(RECORD_AFTER))) {
                    // a slow carrier: record what it took so far, so a crash can send again only what it took since
                    WorkReport recorded = recordBatch(outcomes);
                    done += recorded.done();
                    skipped += recorded.skipped();
                    errors.addAll(recorded.errors());
                    outcomes.clear();
                    recordedAt = clock.now();
                }
            }
        }
        if (!released.isEmpty()) {
            transactions.inTransaction(() -> {
                outbox.release(released);
                return null;
            });
        }
        WorkReport recorded = recordBatch(outcomes);
        errors.addAll(recorded.errors());
        return new WorkReport(done + recorded.done(), recorded.skipped() + skipped + released.size(), errors);
    }

    /**
     * What the batch's read decided for one claimed message: send it (message), hold it back (held), neither
     * (cancelled), or it could not be decided (error: it stays claimed).
     */
    private record Planned(OutboundSms sms, SmsMessage message, SmsCeilings.HeldBack held, RuntimeException error,
                           Instant heldAt) {
        Planned(OutboundSms sms, SmsMessage message, SmsCeilings.HeldBack held) {
            this(sms, message, held, null, null);
        }
    }

    /** What to record for one message: the carrier's answer, or the ceiling that held it back. */
    private record Outcome(OutboundSms sms, SendResult result, SmsCeilings.HeldBack held, Instant at) {
    }

    /**
     * One read for the whole batch: its applications in one query, the phones' and provinces' recent sends once
     * each, and the ceilings decided message by message in claim order with the batch's own sends tallied in, so
     * two messages of one batch to one phone (or province) meet the ceilings exactly as they would one by one.
     * Messages no longer wanted (the application is closed or the target done) are cancelled here.
     */
    private List<Planned> plan(List<OutboundSms> claimed) {
        Instant now = clock.now();
        Map<ApplicationId, FilingApplication> byId = new HashMap<>();
        for (ApplicationState a : queries.findByIds(claimed.stream().map(OutboundSms::applicationId).distinct().toList())) {
            byId.put(a.facts().id(), FilingApplication.restore(a));
        }
        List<OutboundSms> cancelled = new ArrayList<>();
        List<Planned> wanted = new ArrayList<>();
        for (OutboundSms sms : claimed) {
            FilingApplication application = byId.get(sms.applicationId());
            if (application == null || !application.acceptsVerificationAt(now)
                    || !application.target(sms.targetNumber()).isPending()) {
                cancelled.add(sms.cancelled());
                wanted.add(new Planned(sms, null, null));
                continue;
            }
            ApplicationFacts facts = application.facts();
            Optional<String> host = provinces.find(facts.province()).flatMap(p -> p.host());
            if (host.isEmpty()) {
                wanted.add(new Planned(sms, null, null, new IllegalStateException("province " + facts.province()
                        + " verifies but has no platform host"), null));
                continue;
            }
            wanted.add(new Planned(sms, sms.message(host.get(), facts.deadline(), settings.zone(), facts.province()), null));
        }
        outbox.updateAll(cancelled);

        Instant checkedAt = clock.now();
        Map<PhoneNumber, List<Instant>> phoneSends = new HashMap<>(sentLog.sentToPhonesSince(wanted.stream()
                .filter(p -> p.message() != null).map(p -> p.sms().phone()).distinct().toList(),
                checkedAt.minus(SmsCeilings.DAY)));
        Map<ProvinceCode, int[]> provinceSends = new HashMap<>(); // {last minute, last hour}
        List<Planned> plan = new ArrayList<>();
        for (Planned p : wanted) {
            if (p.message() == null) {
                plan.add(p);
                continue;
            }
            ProvinceCode province = p.message().province();
            List<Instant> phone = phoneSends.computeIfAbsent(p.sms().phone(), k -> new ArrayList<>());
            int[] inProvince = provinceSends.computeIfAbsent(province, k -> ceilings.limitsProvinces()
                    ? new int[] {sentLog.sentInProvinceSince(k, checkedAt.minus(SmsCeilings.MINUTE)),
                            sentLog.sentInProvinceSince(k, checkedAt.minus(SmsCeilings.HOUR))}
                    : new int[] {0, 0});
            Optional<SmsCeilings.HeldBack> held = ceilings.check(phone, inProvince[0], inProvince[1], checkedAt);
            if (held.isPresent()) {
                plan.add(new Planned(p.sms(), null, held.get(), null, checkedAt));
            } else {
                // counted as sent now for the rest of the batch (if the carrier then refuses it, a later message
                // of the batch may have been held back for nothing: it goes when the window allows)
                List<Instant> more = new ArrayList<>(phone);
                more.add(checkedAt);
                phoneSends.put(p.sms().phone(), more);
                inProvince[0]++;
                inProvince[1]++;
                plan.add(new Planned(p.sms(), p.message(), null));
            }
        }
        return plan;
    }

    /**
     * Records the batch's outcomes in one transaction. Should that transaction fail, each message is recorded
     * in a transaction of its own, so one bad message neither loses the others' outcomes nor makes them be sent
     * again; a message whose own record fails stays claimed and is sent again after its lease, with the same
     * idempotency key (at least once).
     */
    private WorkReport recordBatch(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return WorkReport.EMPTY;
        }
        try {
            List<Boolean> recorded = transactions.inTransaction(() -> record(outcomes));
            int done = (int) recorded.stream().filter(b -> b).count();
            return new WorkReport(done, recorded.size() - done, List.of());
        } catch (RuntimeException batchFailed) {
            return PerItem.run(outcomes, o -> o.sms().id(),
                    o -> transactions.inTransaction(() -> record(List.of(o))).get(0));
        }
    }

    /**
     * Records what happened to each message; false for one that is no longer ours. The applications' row locks
     * come first, in id order: two dispatchers recording the same message (one took it over after the other's
     * lease ran out) queue up here, and the second then reads the first one's outcome and stops.
     */
    private List<Boolean> record(List<Outcome> outcomes) {
        Map<ApplicationId, FilingApplication> byId = new LinkedHashMap<>();
        for (ApplicationState a : applications.lockByIds(
                outcomes.stream().map(o -> o.sms().applicationId()).distinct().sorted().toList())) {
            byId.put(a.facts().id(), FilingApplication.restore(a));
        }
        Map<String, OutboundSms> current = new HashMap<>();
        outbox.findAll(outcomes.stream().map(o -> o.sms().id()).toList()).forEach(s -> current.put(s.id(), s));
        List<OutboundSms> updates = new ArrayList<>();
        List<SentSmsLog.Sent> sent = new ArrayList<>();
        List<DomainEvent> appended = new ArrayList<>();
        List<Boolean> recorded = new ArrayList<>();
        for (Outcome o : outcomes) {
            OutboundSms claimed = o.sms();
            OutboundSms now = current.get(claimed.id());
            FilingApplication application = byId.get(claimed.applicationId());
            if (application == null || now == null || now.status() != OutboundSms.OutboxStatus.QUEUED
                    || now.attempts() != claimed.attempts()) {
                recorded.add(false); // another dispatcher took it over after our lease ran out and has recorded it
                continue;
            }
            recorded.add(true);
            if (o.held() != null) {
                updates.add(claimed.heldBack(o.held().until(), o.held().reason()));
                application.recordSmsHeldBack(claimed.targetNumber(), claimed.trigger(), o.held().reason(),
                        o.held().until(), o.at());
            } else if (o.result() instanceof SendResult.Accepted accepted) {
                updates.add(claimed.sent(accepted.carrierReference()));
                sent.add(new SentSmsLog.Sent(claimed.phone(), application.facts().province(), o.at()));
                application.recordSmsSent(claimed.targetNumber(), claimed.trigger(), o.at());
            } else if (o.result() instanceof SendResult.TransientFailure t
                    && claimed.attempts() + 1 < settings.smsMaxAttempts()) {
                updates.add(claimed.retryAt(o.at().plus(backoff(claimed.attempts())), t.reason()));
            } else {
                String reason = o.result() instanceof SendResult.TransientFailure t
                        ? "retries exhausted: " + t.reason()
                        : ((SendResult.PermanentFailure) o.result()).reason();
                updates.add(claimed.failed(reason));
                application.recordSmsFailed(claimed.targetNumber(), claimed.trigger(), reason, o.at());
            }
            appended.addAll(application.pullEvents());
        }
        outbox.updateAll(updates);
        sentLog.recordAll(sent);
        applications.updateAll(byId.values().stream().filter(a -> !a.changedTargets().isEmpty()).toList());
        events.append(appended);
        return recorded;
    }

    /** Exponential backoff with jitter: base x 2^attempt, capped, then scaled by a random factor in [0.5, 1). */
    Duration backoff(int attemptsSoFar) {
        long base = settings.smsRetryBase().toMillis();
        long capped = Math.min(settings.smsRetryMax().toMillis(), base << Math.min(attemptsSoFar, 30));
        return Duration.ofMillis((long) (capped * (0.5 + random.nextDouble() / 2)));
    }
}
