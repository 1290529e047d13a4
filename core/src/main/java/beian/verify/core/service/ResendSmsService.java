package beian.verify.core.service;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.AuditAction;
import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.IdTail;
import beian.verify.core.domain.InputField;
import beian.verify.core.domain.Inputs;
import beian.verify.core.domain.InvalidInputException;
import beian.verify.core.domain.ManualResendOutcome;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.PhoneSmsLoad;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.SmsCeilings;
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.domain.TargetDigest;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.domain.VerificationTarget;
import beian.verify.core.port.in.ResendSmsUseCase;
import beian.verify.core.port.in.RetryAfter;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.ApplicationRepository;
import beian.verify.core.port.out.AuditTrail;
import beian.verify.core.port.out.CaptchaStore;
import beian.verify.core.port.out.CodeGenerator;
import beian.verify.core.port.out.DispatchSignal;
import beian.verify.core.port.out.EventStore;
import beian.verify.core.port.out.KeyedHasher;
import beian.verify.core.port.out.PhoneThrottleRepository;
import beian.verify.core.port.out.RandomSource;
import beian.verify.core.port.out.SentSmsLog;
import beian.verify.core.port.out.SmsOutbox;
import beian.verify.core.port.out.TransactionRunner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * 短信重发: a person asks for the SMS again with the phone, the ID tail and a captcha. Each
 * matching pending target gets its code again (the same code: one per target), within the manual-resend
 * limits. A phone and ID tail with nothing pending is a miss against the limits of the verify form
 * (DOMAIN.md "Manual resend", revised), so this form is no faster an oracle for ID tails. One
 * transaction holds the request, the queued SMS and the audit record.
 *
 * <p>The answer is "sent" only for an SMS that goes out now (DOMAIN.md "Manual resend", 2026-12-07):
 * within the phone's SMS ceilings, counting its SMS still queued as the ceilings will count them
 * ({@link PhoneSmsLoad}); otherwise RESEND_TOO_FREQUENT says how long to wait. The phone's throttle
 * row is locked first ({@link MissLimits#take}), so two resends for one phone decide one after the
 * other, the second seeing the first one's queued SMS; the phone's open applications are locked next,
 * so no dispatcher records one of their SMS as sent while the ceiling is counted.
 */
public final class ResendSmsService implements ResendSmsUseCase {
    private final VerificationSettings settings;
    private final Secrets secrets;
    private final PlatformAttempts attempts;
    private final CodeIssuer codeIssuer;
    private final MissLimits missLimits;
    private final ApplicationRepository applications;
    private final SmsOutbox outbox;
    private final DispatchSignal dispatchSignal;
    private final SmsCeilings ceilings;
    private final SentSmsLog sentLog;

    public ResendSmsService(VerificationSettings settings, TransactionRunner transactions, AppClock clock,
                            CaptchaStore captchas, PhoneThrottleRepository throttles,
                            ApplicationRepository applications, SmsOutbox outbox, EventStore events, AuditTrail audit,
                            KeyedHasher hasher, CodeGenerator codes, RandomSource random,
                            DispatchSignal dispatchSignal, SmsCeilings ceilings, SentSmsLog sentLog) {
        this.settings = settings;
        this.secrets = new Secrets(hasher);
        this.attempts = new PlatformAttempts(transactions, clock, captchas, secrets, audit, applications);
        this.codeIssuer = new CodeIssuer(codes, secrets, random);
        this.missLimits = new MissLimits(settings, throttles, events);
        this.applications = applications;
        this.outbox = outbox;
        this.dispatchSignal = dispatchSignal;
        this.ceilings = ceilings;
        this.sentLog = sentLog;
    }

    @Override
    public ResendSmsResult resend(ResendSmsCommand command) {
        PlatformAttempts.Attempt attempt = new PlatformAttempts.Attempt(AuditAction.RESEND, command.phone(),
                command.captchaId(), command.captchaAnswer(), command.clientAddress(), command.platformProvince());
        ResendSmsResult result = attempts.run(attempt, ResendSmsResult.Refused.of(ErrorCode.CAPTCHA_INVALID),
                (now, note) -> decide(command, now, note), ResendSmsResult::outcome);
        if (result instanceof ResendSmsResult.Sent) {
            dispatchSignal.messagesQueued(); // after commit, so the dispatcher finds them
        }
        return result;
    }

    /** A pending target that matched the phone and the ID tail, and what its own limits say. */
    private record Match(FilingApplication application, VerificationTarget target, ManualResendOutcome allowance) {
        /** When the target's own limits let it have a resend; empty when they never will. */
        Optional<Instant> allowedFrom(Instant now) {
            if (allowance instanceof ManualResendOutcome.TooSoon soon) {
                return Optional.of(soon.allowedFrom());
            }
            return allowance instanceof ManualResendOutcome.Allowed ? Optional.of(now) : Optional.empty();
        }
    }

    private ResendSmsResult decide(ResendSmsCommand command, Instant now, PlatformAttempts.AuditNote note) {
        PhoneNumber phone;
        IdTail tail;
        try {
            phone = Inputs.parse(InputField.PHONE, command.phone(), PhoneNumber::of);
            tail = Inputs.parse(InputField.ID_TAIL, command.idTail(), IdTail::of);
        } catch (InvalidInputException e) {
            return new ResendSmsResult.Refused(ErrorCode.INVALID_ARGUMENT, e.field(), e.reason());
        }
        // also serialises code issuance, and this phone's ceiling: the next resend for it waits here for this one
        MissLimits.Guard guard = missLimits.take(phone, command.clientAddress());
        Optional<Instant> lockedUntil = guard.lockedUntil(now);
        if (lockedUntil.isPresent()) {
            return ResendSmsResult.Refused.of(ErrorCode.TOO_MANY_ATTEMPTS, RetryAfter.until(now, lockedUntil.get()));
        }
        List<FilingApplication> onPhone = applications.lockOpenByPhone(phone, now).stream()
                .map(FilingApplication::restore).toList();
        note.openOnPhone(onPhone); // each one's province sees the attempt, whichever host it came in on
        List<FilingApplication> open = onPhone.stream().filter(a -> a.servedBy(command.platformProvince())).toList();
        TargetDigest idTail = secrets.idTailDigest(tail);
        List<Match> matches = new ArrayList<>();
        for (FilingApplication application : open) {
            for (VerificationTarget target : application.pendingTargetsOf(phone, idTail, now)) {
                note.matched(application);
                matches.add(new Match(application, target, application.manualResendAllowance(target.number(), now,
                        settings.manualResendSpacing(), settings.manualResendLimit())));
            }
        }
        if (matches.isEmpty()) {
            guard.miss(onPhone, now); // a wrong ID tail confirms no faster here than on the verify form
            return ResendSmsResult.Refused.of(ErrorCode.RECORD_NOT_FOUND);
        }
        if (matches.stream().allMatch(m -> m.allowance() instanceof ManualResendOutcome.UsedUp)) {
            return ResendSmsResult.Refused.of(ErrorCode.RESEND_TOO_FREQUENT); // no wait: it will never be allowed
        }
        PhoneSmsLoad load = loadOf(phone, onPhone, matches, now);
        // the targets least recently resent first, so targets sharing a phone take turns under its ceiling
        List<Match> turns = matches.stream().filter(m -> m.allowance() instanceof ManualResendOutcome.Allowed)
                .sorted(Comparator.comparing((Match m) -> m.target().lastManualResendAt(),
                        Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        List<OutboundSms> messages = new ArrayList<>();
        for (Match match : turns) {
            FilingApplication application = match.application();
            VerificationTarget target = match.target();
            if (load.heldBack(application.state().province(), now).isEmpty()) {
                application.requestManualResend(target.number(), now, settings.manualResendSpacing(),
                        settings.manualResendLimit());
                messages.add(codeIssuer.issue(application, target.number(), SmsTrigger.MANUAL_RESEND, onPhone, now));
                load = load.plus(application.state().province(), now);
            }
        }
        if (messages.isEmpty()) {
            return ResendSmsResult.Refused.of(ErrorCode.RESEND_TOO_FREQUENT, RetryAfter.until(now, nextAllowed(matches, load, now)));
        }
        open.stream().filter(a -> !a.changedTargets().isEmpty()).forEach(applications::update);
        outbox.enqueueAll(messages);
        return new ResendSmsResult.Sent(messages.size());
    }

    /**
     * The phone's SMS as its ceilings will count them: the carriers' sends of the last day, and the messages
     * still queued for a pending target of this phone in its open applications (every province's: the phone's
     * ceiling counts them all; queued ones of closed applications or done targets are cancelled, never sent).
     * Read under the locks of those applications, so a dispatcher cannot record one of them as sent in between.
     */
    private PhoneSmsLoad loadOf(PhoneNumber phone, List<FilingApplication> onPhone, List<Match> matches, Instant now) {
        Map<ApplicationId, FilingApplication> byId = new HashMap<>();
        onPhone.forEach(a -> byId.put(a.id(), a));
        List<Instant> queuedDue = new ArrayList<>();
        for (SmsOutbox.Queued queued : outbox.queuedOf(byId.keySet())) {
            FilingApplication application = byId.get(queued.applicationId());
            VerificationTarget target = application.target(queued.targetNumber());
            if (application.acceptsVerificationAt(now) && target.isPending() && target.phone().equals(phone)) {
                queuedDue.add(queued.nextAttemptAt());
            }
        }
        Map<ProvinceCode, PhoneSmsLoad.ProvinceSends> provinceSends = new HashMap<>();
        if (ceilings.limitsProvinces()) {
            matches.stream().map(m -> m.application().state().province()).distinct().forEach(p -> provinceSends.put(p,
                    new PhoneSmsLoad.ProvinceSends(sentLog.sentInProvinceSince(p, now.minus(SmsCeilings.MINUTE)),
                            sentLog.sentInProvinceSince(p, now.minus(SmsCeilings.HOUR)))));
        }
        return PhoneSmsLoad.of(ceilings, sentLog.sentToPhoneSince(phone, now.minus(SmsCeilings.DAY)), queuedDue,
                provinceSends, now);
    }

    /**
     * When the first of the targets may have its resend: the later of its own limits (the spacing) and the
     * phone's ceiling (as counted now: without new SMS, a ceiling only frees up as time passes).
     */
    private static Instant nextAllowed(List<Match> matches, PhoneSmsLoad load, Instant now) {
        Instant next = null;
        for (Match match : matches) {
            Optional<Instant> own = match.allowedFrom(now);
            if (own.isEmpty()) {
                continue; // used up
            }
            Instant ceiling = load.heldBack(match.application().state().province(), now)
                    .map(SmsCeilings.HeldBack::until).orElse(now);
            Instant allowed = own.get().isAfter(ceiling) ? own.get() : ceiling;
            if (next == null || allowed.isBefore(next)) {
                next = allowed;
            }
        }
        return next;
    }
}
