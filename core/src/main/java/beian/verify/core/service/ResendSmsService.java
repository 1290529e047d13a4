package beian.verify.core.service;

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
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.domain.TargetDigest;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.domain.VerificationTarget;
import beian.verify.core.port.in.ResendSmsUseCase;
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
import beian.verify.core.port.out.SmsOutbox;
import beian.verify.core.port.out.TransactionRunner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * 短信重发: a person asks for the SMS again with the phone, the ID tail and a captcha. Each
 * matching pending target gets a new code (earlier ones stay valid), within the manual-resend
 * limits. A phone and ID tail with nothing pending is a miss against the limits of the verify form
 * (DOMAIN.md "Manual resend", revised), so this form is no faster an oracle for ID tails. One
 * transaction holds the request, the queued SMS and the audit record.
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

    public ResendSmsService(VerificationSettings settings, TransactionRunner transactions, AppClock clock,
                            CaptchaStore captchas, PhoneThrottleRepository throttles,
                            ApplicationRepository applications, SmsOutbox outbox, EventStore events, AuditTrail audit,
                            KeyedHasher hasher, CodeGenerator codes, RandomSource random,
                            DispatchSignal dispatchSignal) {
        this.settings = settings;
        this.secrets = new Secrets(hasher);
        this.attempts = new PlatformAttempts(transactions, clock, captchas, secrets, audit, applications);
        this.codeIssuer = new CodeIssuer(codes, secrets, random);
        this.missLimits = new MissLimits(settings, throttles, events);
        this.applications = applications;
        this.outbox = outbox;
        this.dispatchSignal = dispatchSignal;
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

    private ResendSmsResult decide(ResendSmsCommand command, Instant now, PlatformAttempts.AuditNote note) {
        PhoneNumber phone;
        IdTail tail;
        try {
            phone = Inputs.parse(InputField.PHONE, command.phone(), PhoneNumber::of);
            tail = Inputs.parse(InputField.ID_TAIL, command.idTail(), IdTail::of);
        } catch (InvalidInputException e) {
            return new ResendSmsResult.Refused(ErrorCode.INVALID_ARGUMENT, e.field(), e.reason());
        }
        MissLimits.Guard guard = missLimits.take(phone, command.clientAddress()); // also serialises code issuance
        if (guard.locked(now)) {
            return ResendSmsResult.Refused.of(ErrorCode.TOO_MANY_ATTEMPTS);
        }
        List<FilingApplication> onPhone = applications.lockOpenByPhone(phone, now).stream()
                .map(FilingApplication::restore).toList();
        note.openOnPhone(onPhone); // each one's province sees the attempt, whichever host it came in on
        List<FilingApplication> open = onPhone.stream().filter(a -> a.servedBy(command.platformProvince())).toList();
        TargetDigest idTail = secrets.idTailDigest(tail);
        int matched = 0;
        List<OutboundSms> messages = new ArrayList<>();
        for (FilingApplication application : open) {
            for (VerificationTarget target : application.pendingTargetsOf(phone, idTail, now)) {
                matched++;
                note.matched(application);
                ManualResendOutcome outcome = application.requestManualResend(target.number(), now,
                        settings.manualResendSpacing(), settings.manualResendLimit());
                if (outcome instanceof ManualResendOutcome.Allowed) {
                    messages.add(codeIssuer.issue(application, target.number(), SmsTrigger.MANUAL_RESEND, open, now));
                }
            }
        }
        if (matched == 0) {
            guard.miss(open, now); // a wrong ID tail confirms no faster here than on the verify form
            return ResendSmsResult.Refused.of(ErrorCode.RECORD_NOT_FOUND);
        }
        if (messages.isEmpty()) {
            return ResendSmsResult.Refused.of(ErrorCode.RESEND_TOO_FREQUENT);
        }
        open.stream().filter(a -> !a.changedTargets().isEmpty()).forEach(applications::update);
        outbox.enqueueAll(messages);
        return new ResendSmsResult.Sent(messages.size());
    }
}
