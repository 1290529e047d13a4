package beian.verify.adapters.persistence;

import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.ProvinceCatalog;
import beian.verify.core.domain.VerificationPolicy;
import beian.verify.core.domain.SmsCeilings;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.port.in.IssueCaptchaUseCase.IssuedCaptcha;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.ResendSmsUseCase.ResendSmsCommand;
import beian.verify.core.port.in.ResendSmsUseCase.ResendSmsResult;
import beian.verify.core.port.in.SubmitApplicationUseCase.PersonInput;
import beian.verify.core.port.in.SubmitApplicationUseCase.SubmitApplicationCommand;
import beian.verify.core.port.in.SubmitApplicationUseCase.Submission;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeCommand;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeResult;
import beian.verify.core.port.out.DispatchSignal;
import beian.verify.core.port.out.RequestCounters;
import beian.verify.core.testing.ScriptedCodeGenerator;
import beian.verify.core.service.SecureRandomSource;
import beian.verify.core.testing.CoreServices;
import beian.verify.core.testing.HmacTestHasher;
import beian.verify.core.testing.MutableClock;
import beian.verify.core.testing.RecordingSmsSender;
import beian.verify.core.testing.Storage;
import java.time.Instant;
import java.util.List;

/**
 * The core's real services on this adapter's storage (as CoreFixture wires them on fakes): real code
 * generator and randomness, an HMAC hasher, a movable clock and a recording carrier.
 */
final class RealCore extends CoreServices {
    static final ProviderId PROVIDER = new ProviderId("demo-provider");
    static final String ADDRESS = "203.0.113.9";

    final MutableClock clock;
    final Storage storage;
    final RecordingSmsSender carrier;
    final ScriptedCodeGenerator codes;

    RealCore(PersistenceContext db, Instant now) {
        this(db, now, SmsCeilings.none());
    }

    /** With these SMS ceilings (the other constructor has none, so a test sending two SMS to one phone tests its own rule). */
    RealCore(PersistenceContext db, Instant now, SmsCeilings ceilings) {
        this(db, new MutableClock(now), new RecordingSmsSender(), new ScriptedCodeGenerator(), ceilings);
    }

    private RealCore(PersistenceContext db, MutableClock clock, RecordingSmsSender carrier, ScriptedCodeGenerator codes,
                     SmsCeilings ceilings) {
        super(db.storage(), db.audit(), db.bean(RequestCounters.class), clock, carrier, codes, new HmacTestHasher(), new SecureRandomSource(),
                DispatchSignal.NONE, ProvinceCatalog.defaults(), VerificationPolicy.defaults(),
                VerificationSettings.defaults(), ceilings);
        this.clock = clock;
        this.storage = db.storage();
        this.carrier = carrier;
        this.codes = codes;
    }

    /** A NEW_WEBSITE in Tianjin: one target, the website principal. */
    static SubmitApplicationCommand newWebsite(String requestId, String domain, PersonInput principal) {
        return new SubmitApplicationCommand(PROVIDER, requestId, FilingType.NEW_WEBSITE, "TJ", "天津示例科技有限公司", null,
                List.of(new WebsiteInput(domain, principal)), false);
    }

    Submission submitOk(SubmitApplicationCommand command) {
        Outcome<Submission> outcome = submission.submit(command);
        if (outcome instanceof Outcome.Ok<Submission> ok) {
            return ok.value();
        }
        throw new AssertionError("submission refused: " + outcome);
    }

    void dispatch() {
        dispatcher.dispatch(1000);
    }

    /** A manual resend with a captcha answered right; what it queued is handed to the carrier. */
    ResendSmsResult resend(String phone, String idTail) {
        IssuedCaptcha c = captcha.issue();
        ResendSmsResult result = resends.resend(new ResendSmsCommand(phone, idTail, c.captchaId(), c.answer(), ADDRESS));
        dispatch();
        return result;
    }

    VerifyCodeResult verify(String phone, String idTail, String code) {
        return verifyFrom(ADDRESS, phone, idTail, code);
    }

    VerifyCodeResult verifyFrom(String address, String phone, String idTail, String code) {
        IssuedCaptcha c = captcha.issue();
        return verification.verify(new VerifyCodeCommand(phone, idTail, code, c.captchaId(), c.answer(), address));
    }

    /** A manual resend with a captcha answered right, nothing dispatched: for callers racing one another. */
    ResendSmsResult resendWithoutDispatch(String phone, String idTail) {
        IssuedCaptcha c = captcha.issue();
        return resends.resend(new ResendSmsCommand(phone, idTail, c.captchaId(), c.answer(), ADDRESS));
    }
}
