package beian.verify.core.service;

import beian.verify.core.domain.ApplicationRecord;
import beian.verify.core.domain.AuditEntry;
import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.IdTail;
import beian.verify.core.domain.Inputs;
import beian.verify.core.domain.InvalidInputException;
import beian.verify.core.domain.ManualResendOutcome;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.PhoneThrottle;
import beian.verify.core.domain.ProvinceCatalog;
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.domain.VerificationCode;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.domain.VerificationTarget;
import beian.verify.core.domain.VerifyOutcome;
import beian.verify.core.port.in.ResendSmsUseCase;
import beian.verify.core.port.in.VerifyCodeUseCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The verification platform's two forms: proving a code, and asking for the SMS again. The captcha
 * is checked first; nothing else is evaluated when it fails.
 */
public final class VerificationService implements VerifyCodeUseCase, ResendSmsUseCase {
    private final Ports ports;
    private final VerificationSettings settings;
    private final CaptchaService captchas;
    private final Secrets secrets;
    private final CodeIssuer codeIssuer;

    public VerificationService(Ports ports, ProvinceCatalog provinces, VerificationSettings settings,
                               CaptchaService captchas) {
        this.ports = ports;
        this.settings = settings;
        this.captchas = captchas;
        this.secrets = new Secrets(ports.hasher());
        this.codeIssuer = new CodeIssuer(ports.codes(), secrets, ports.random(), provinces, settings);
    }

    @Override
    public VerifyCodeResult verify(VerifyCodeCommand command) {
        VerifyCodeResult result = verifyChecked(command);
        audit("VERIFY", command.phone(), result instanceof VerifyCodeResult.Refused r ? r.code().name() : "VERIFIED",
                command.clientAddress());
        return result;
    }

    private VerifyCodeResult verifyChecked(VerifyCodeCommand command) {
        if (!captchas.check(command.captchaId(), command.captchaAnswer())) {
            return new VerifyCodeResult.Refused(ErrorCode.CAPTCHA_INVALID, "captchaAnswer", VerifyCodeResult.CAPTCHA_INVALID);
        }
        PhoneNumber phone;
        IdTail tail;
        VerificationCode code;
        try {
            phone = Inputs.parse("phone", command.phone(), PhoneNumber::of);
            tail = Inputs.parse("idTail", command.idTail(), IdTail::of);
            code = Inputs.parse("code", command.code(), VerificationCode::of);
        } catch (InvalidInputException e) {
            return new VerifyCodeResult.Refused(ErrorCode.INVALID_ARGUMENT, e.field(), e.getMessage());
        }
        return ports.transactions().inTransaction(() -> verifyInTransaction(phone, tail, code));
    }

    private VerifyCodeResult verifyInTransaction(PhoneNumber phone, IdTail tail, VerificationCode code) {
        Instant now = ports.clock().now();
        PhoneThrottle throttle = ports.throttles().lock(phone);
        if (throttle.isLocked(now)) {
            return new VerifyCodeResult.Refused(ErrorCode.TOO_MANY_ATTEMPTS, null, VerifyCodeResult.TOO_MANY_ATTEMPTS);
        }
        for (ApplicationRecord record : ports.applications().lockOpenByPhone(phone, now)) {
            for (VerificationTarget target : record.targets()) {
                if (target.phone().equals(phone) && target.hasCode(secrets.code(record.id(), target.number(), code))) {
                    return verifyTarget(FilingApplication.restore(record), target.number(), tail, now);
                }
            }
        }
        ports.throttles().save(throttle.withMiss(now, settings.codeMissLimit(), settings.codeMissWindow(),
                settings.codeMissLockout()));
        return VerifyCodeResult.notFound();
    }

    private VerifyCodeResult verifyTarget(FilingApplication application, int targetNumber, IdTail tail, Instant now) {
        VerifyOutcome outcome = application.verify(targetNumber, secrets.idTail(application.id(), targetNumber, tail),
                now, settings.idFailureLimit());
        if (outcome instanceof VerifyOutcome.TargetVerified
                || outcome instanceof VerifyOutcome.IdMismatch
                || outcome instanceof VerifyOutcome.TargetFailed) {
            ports.applications().update(application.state());
            ports.events().append(application.pullEvents());
        }
        if (outcome instanceof VerifyOutcome.TargetVerified v) {
            return new VerifyCodeResult.Verified(v.pendingTargets(), v.applicationStatus());
        }
        if (outcome instanceof VerifyOutcome.AlreadyVerified v) {
            return new VerifyCodeResult.Verified(v.pendingTargets(), v.applicationStatus());
        }
        if (outcome instanceof VerifyOutcome.TargetFailed) {
            return new VerifyCodeResult.Refused(ErrorCode.VERIFICATION_FAILED, null, VerifyCodeResult.FAILED);
        }
        // IdMismatch below the limit and NotVerifiable answer like any other miss.
        return VerifyCodeResult.notFound();
    }

    @Override
    public ResendSmsResult resend(ResendSmsCommand command) {
        ResendSmsResult result = resendChecked(command);
        audit("RESEND", command.phone(), result instanceof ResendSmsResult.Refused r ? r.code().name() : "SENT",
                command.clientAddress());
        if (result instanceof ResendSmsResult.Sent) {
            ports.dispatchSignal().messagesQueued();
        }
        return result;
    }

    private ResendSmsResult resendChecked(ResendSmsCommand command) {
        if (!captchas.check(command.captchaId(), command.captchaAnswer())) {
            return new ResendSmsResult.Refused(ErrorCode.CAPTCHA_INVALID, "captchaAnswer", VerifyCodeResult.CAPTCHA_INVALID);
        }
        PhoneNumber phone;
        IdTail tail;
        try {
            phone = Inputs.parse("phone", command.phone(), PhoneNumber::of);
            tail = Inputs.parse("idTail", command.idTail(), IdTail::of);
        } catch (InvalidInputException e) {
            return new ResendSmsResult.Refused(ErrorCode.INVALID_ARGUMENT, e.field(), e.getMessage());
        }
        return ports.transactions().inTransaction(() -> resendInTransaction(phone, tail));
    }

    private ResendSmsResult resendInTransaction(PhoneNumber phone, IdTail tail) {
        Instant now = ports.clock().now();
        ports.throttles().lock(phone); // serialises code issuance for the phone (see SubmissionService.lockPhones)
        List<FilingApplication> open = ports.applications().lockOpenByPhone(phone, now).stream()
                .map(FilingApplication::restore).toList();
        int matched = 0;
        List<OutboundSms> messages = new ArrayList<>();
        for (FilingApplication application : open) {
            if (!application.acceptsVerificationAt(now)) {
                continue;
            }
            for (VerificationTarget target : application.targets()) {
                if (!target.isPending() || !target.phone().equals(phone)
                        || !target.idTailHash().equals(secrets.idTail(application.id(), target.number(), tail))) {
                    continue;
                }
                matched++;
                ManualResendOutcome outcome = application.requestManualResend(target.number(), now,
                        settings.manualResendSpacing(), settings.manualResendLimit());
                if (outcome instanceof ManualResendOutcome.Allowed) {
                    messages.add(codeIssuer.issue(application, target.number(), SmsTrigger.MANUAL_RESEND, open, now));
                }
            }
        }
        if (matched == 0) {
            return new ResendSmsResult.Refused(ErrorCode.RECORD_NOT_FOUND, null, ResendSmsResult.NOTHING_PENDING);
        }
        if (messages.isEmpty()) {
            return new ResendSmsResult.Refused(ErrorCode.RESEND_TOO_FREQUENT, null, ResendSmsResult.TOO_FREQUENT);
        }
        for (FilingApplication application : open) {
            if (messages.stream().anyMatch(m -> m.applicationId().equals(application.id()))) {
                ports.applications().update(application.state());
            }
        }
        messages.forEach(ports.outbox()::enqueue);
        return new ResendSmsResult.Sent(messages.size());
    }

    private void audit(String action, String rawPhone, String outcome, String clientAddress) {
        String masked = null;
        try {
            masked = PhoneNumber.of(rawPhone).masked();
        } catch (InvalidInputException e) {
            // a malformed phone is audited without it
        }
        AuditEntry entry = new AuditEntry(ports.clock().now(), action, masked, outcome, clientAddress);
        ports.transactions().inTransaction(() -> {
            ports.audit().record(entry);
            return null;
        });
    }
}
