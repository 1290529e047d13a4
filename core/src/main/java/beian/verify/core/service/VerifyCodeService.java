package beian.verify.core.service;

import beian.verify.core.domain.AuditAction;
import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.IdTail;
import beian.verify.core.domain.InputField;
import beian.verify.core.domain.Inputs;
import beian.verify.core.domain.InvalidInputException;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.TargetDigest;
import beian.verify.core.domain.VerificationCode;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.domain.VerificationTarget;
import beian.verify.core.domain.VerifyOutcome;
import beian.verify.core.port.in.RetryAfter;
import beian.verify.core.port.in.VerifyCodeUseCase;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.ApplicationRepository;
import beian.verify.core.port.out.AuditTrail;
import beian.verify.core.port.out.CaptchaStore;
import beian.verify.core.port.out.EventStore;
import beian.verify.core.port.out.KeyedHasher;
import beian.verify.core.port.out.PhoneThrottleRepository;
import beian.verify.core.port.out.TransactionRunner;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * 备案短信核验: a person proves a code with the phone, the ID tail and a captcha. One transaction
 * holds the whole request: the captcha is consumed, the phone's throttle is locked and the miss
 * limits of phone and client network are checked, the applications open on that phone are locked,
 * the aggregate decides, the change (or the miss), its events and the audit record are written together.
 */
public final class VerifyCodeService implements VerifyCodeUseCase {
    private final VerificationSettings settings;
    private final Secrets secrets;
    private final PlatformAttempts attempts;
    private final MissLimits missLimits;
    private final ApplicationRepository applications;
    private final EventStore events;

    public VerifyCodeService(VerificationSettings settings, TransactionRunner transactions, AppClock clock,
                             CaptchaStore captchas, PhoneThrottleRepository throttles,
                             ApplicationRepository applications, EventStore events, AuditTrail audit,
                             KeyedHasher hasher) {
        this.settings = settings;
        this.secrets = new Secrets(hasher);
        this.attempts = new PlatformAttempts(transactions, clock, captchas, secrets, audit, applications);
        this.missLimits = new MissLimits(settings, throttles, events);
        this.applications = applications;
        this.events = events;
    }

    @Override
    public VerifyCodeResult verify(VerifyCodeCommand command) {
        PlatformAttempts.Attempt attempt = new PlatformAttempts.Attempt(AuditAction.VERIFY, command.phone(),
                command.captchaId(), command.captchaAnswer(), command.clientAddress(), command.platformProvince());
        return attempts.run(attempt, VerifyCodeResult.Refused.of(ErrorCode.CAPTCHA_INVALID),
                (now, note) -> decide(command, now, note), VerifyCodeResult::outcome);
    }

    private VerifyCodeResult decide(VerifyCodeCommand command, Instant now, PlatformAttempts.AuditNote note) {
        PhoneNumber phone;
        IdTail tail;
        VerificationCode code;
        try {
            phone = Inputs.parse(InputField.PHONE, command.phone(), PhoneNumber::of);
            tail = Inputs.parse(InputField.ID_TAIL, command.idTail(), IdTail::of);
            code = Inputs.parse(InputField.CODE, command.code(), VerificationCode::of);
        } catch (InvalidInputException e) {
            return new VerifyCodeResult.Refused(ErrorCode.INVALID_ARGUMENT, e.field(), e.reason());
        }
        MissLimits.Guard guard = missLimits.take(phone, command.clientAddress());
        Optional<Instant> lockedUntil = guard.lockedUntil(now);
        if (lockedUntil.isPresent()) {
            return VerifyCodeResult.Refused.of(ErrorCode.TOO_MANY_ATTEMPTS, RetryAfter.until(now, lockedUntil.get()));
        }
        // Once, before the applications are looked at: a miss costs the same with or without any open.
        TargetDigest codeDigest = secrets.codeDigest(code);
        List<FilingApplication> onPhone = applications.lockOpenByPhone(phone, now).stream()
                .map(FilingApplication::restore).toList();
        note.openOnPhone(onPhone); // each one's province sees the attempt, whichever host it came in on
        List<FilingApplication> open = onPhone.stream().filter(a -> a.servedBy(command.platformProvince())).toList();
        for (FilingApplication application : open) {
            Optional<VerificationTarget> target = application.targetHolding(phone, codeDigest);
            if (target.isPresent()) {
                note.matched(application);
                return verifyTarget(application, target.get().number(), tail, now);
            }
        }
        guard.miss(onPhone, now); // the phone is locked on every host: each provider with a pending target on it is told
        return VerifyCodeResult.Refused.of(ErrorCode.RECORD_NOT_FOUND);
    }

    private VerifyCodeResult verifyTarget(FilingApplication application, int targetNumber, IdTail tail, Instant now) {
        VerifyOutcome outcome = application.verify(targetNumber, secrets.idTail(application.id(), targetNumber, tail),
                now, settings.idFailureLimit());
        if (!application.changedTargets().isEmpty()) {
            applications.update(application);
            events.append(application.pullEvents());
        }
        Instant submittedAt = application.facts().submittedAt();
        if (outcome instanceof VerifyOutcome.TargetVerified v) {
            return new VerifyCodeResult.Verified(v.pendingTargets(), v.applicationStatus(), submittedAt,
                    v.pendingTargets() == 0 ? now : null);
        }
        if (outcome instanceof VerifyOutcome.AlreadyVerified v) {
            return new VerifyCodeResult.Verified(v.pendingTargets(), v.applicationStatus(), submittedAt, null);
        }
        if (outcome instanceof VerifyOutcome.TargetFailed) {
            return VerifyCodeResult.Refused.of(ErrorCode.VERIFICATION_FAILED);
        }
        // IdMismatch below the limit and NotVerifiable answer like any other miss.
        return VerifyCodeResult.Refused.of(ErrorCode.RECORD_NOT_FOUND);
    }
}
