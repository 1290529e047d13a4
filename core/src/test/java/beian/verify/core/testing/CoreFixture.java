package beian.verify.core.testing;

import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.ProvinceCatalog;
import beian.verify.core.domain.VerificationPolicy;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.port.in.ApplicationView;
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
import beian.verify.core.domain.ProviderId;
import beian.verify.core.port.out.DispatchSignal;
import beian.verify.core.service.ApplicationService;
import beian.verify.core.service.CaptchaService;
import beian.verify.core.service.DueWorkService;
import beian.verify.core.service.Ports;
import beian.verify.core.service.SecureRandomSource;
import beian.verify.core.service.SubmissionService;
import beian.verify.core.service.VerificationService;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The core wired on in-memory fakes of every outbound port, with a movable clock, a recording
 * carrier and scripted codes; plus short-hands for the steps tests take.
 */
public final class CoreFixture {
    public static final ProviderId PROVIDER = new ProviderId("demo-provider");
    public static final ProviderId OTHER_PROVIDER = new ProviderId("other-provider");

    public final MutableClock clock;
    public final InMemoryTransactions tx = new InMemoryTransactions();
    public final InMemoryApplicationRepository applications = new InMemoryApplicationRepository(tx);
    public final InMemoryFiledRecordRepository filedRecords = new InMemoryFiledRecordRepository(tx);
    public final InMemoryEventStore events = new InMemoryEventStore(tx);
    public final InMemorySmsOutbox outbox = new InMemorySmsOutbox(tx);
    public final InMemoryPhoneThrottles throttles = new InMemoryPhoneThrottles(tx);
    public final InMemoryCaptchaStore captchas = new InMemoryCaptchaStore(tx);
    public final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    public final RecordingSmsSender carrier = new RecordingSmsSender();
    public final ScriptedCodeGenerator codes = new ScriptedCodeGenerator();
    public final AtomicInteger dispatchSignals = new AtomicInteger();
    public final ProvinceCatalog provinces;
    public final VerificationPolicy policy;
    public final VerificationSettings settings;
    public final Ports ports;
    public final SubmissionService submission;
    public final CaptchaService captcha;
    public final VerificationService verification;
    public final DueWorkService dueWork;
    public final ApplicationService service;

    public CoreFixture(Instant start) {
        this(start, ProvinceCatalog.defaults(), VerificationPolicy.defaults(), VerificationSettings.defaults());
    }

    public CoreFixture(Instant start, ProvinceCatalog provinces, VerificationPolicy policy, VerificationSettings settings) {
        this(start, provinces, policy, settings, null);
    }

    /** A fixture whose carrier is {@code sender} instead of the recording one. */
    public CoreFixture(Instant start, ProvinceCatalog provinces, VerificationPolicy policy, VerificationSettings settings,
                       beian.verify.core.port.out.SmsSender sender) {
        this.clock = new MutableClock(start);
        this.provinces = provinces;
        this.policy = policy;
        this.settings = settings;
        DispatchSignal signal = dispatchSignals::incrementAndGet;
        this.ports = new Ports(clock, tx, applications, filedRecords, events, outbox, throttles, captchas, audit,
                sender == null ? carrier : sender, new HmacTestHasher(), codes, new SecureRandomSource(), signal);
        this.submission = new SubmissionService(ports, provinces, policy, settings);
        this.captcha = new CaptchaService(ports, settings);
        this.verification = new VerificationService(ports, provinces, settings, captcha);
        this.dueWork = new DueWorkService(ports, provinces, settings);
        this.service = new ApplicationService(ports, provinces);
    }

    /** A fixture whose clock reads a Shanghai local time. */
    public static CoreFixture atShanghai(int year, int month, int day, int hour, int minute) {
        return new CoreFixture(MutableClock.shanghai(year, month, day, hour, minute));
    }

    public SubmitApplicationCommand command(String requestId, FilingType type, String province, PersonInput subject,
                                            List<WebsiteInput> websites) {
        return new SubmitApplicationCommand(PROVIDER, requestId, type, province, "天津示例科技有限公司", subject, websites, false);
    }

    /** Submits and sends what it queued; fails the test when refused. */
    public ApplicationView submitOk(SubmitApplicationCommand command) {
        Outcome<Submission> outcome = submission.submit(command);
        if (outcome instanceof Outcome.Failed<Submission> f) {
            throw new AssertionError("submission refused: " + f.failure());
        }
        dispatch();
        return ((Outcome.Ok<Submission>) outcome).value().application();
    }

    /** A NEW_FILING in Tianjin with one subject principal and one website whose principal is someone else. */
    public ApplicationView submitNewFiling(String requestId, PersonInput subject, PersonInput websitePrincipal) {
        return submitOk(command(requestId, FilingType.NEW_FILING, "TJ", subject,
                List.of(new WebsiteInput("example-" + requestId.toLowerCase() + ".cn", websitePrincipal))));
    }

    /** A NEW_FILING in the province whose subject and website principals are two people. */
    public ApplicationView submitNewFilingIn(String province) {
        return submitOk(command("nf-" + province + "-" + applications.all().size(), FilingType.NEW_FILING, province,
                People.person("张三", "13800000001", People.residentId(1)),
                List.of(new WebsiteInput("nf" + applications.all().size() + ".cn",
                        People.person("李四", "13900000002", People.residentId(2))))));
    }

    /** A NEW_WEBSITE in Tianjin: one target. */
    public ApplicationView submitNewWebsite(String requestId, String domain, PersonInput principal) {
        return submitOk(command(requestId, FilingType.NEW_WEBSITE, "TJ", null, List.of(new WebsiteInput(domain, principal))));
    }

    /** The provider's whole event stream. */
    public java.util.List<beian.verify.core.domain.RecordedEvent> eventsOf(ProviderId provider) {
        return tx.inTransaction(() -> events.readAfter(provider, 0, Integer.MAX_VALUE));
    }

    /** The types of the provider's events, in order. */
    public java.util.List<beian.verify.core.domain.EventType> eventTypes() {
        return eventsOf(PROVIDER).stream().map(e -> e.event().type()).toList();
    }

    /** Hands every due SMS to the carrier. */
    public void dispatch() {
        dueWork.dispatchSms(1000);
    }

    /** A captcha answered right. */
    public IssuedCaptcha captcha() {
        return captcha.issue();
    }

    public VerifyCodeResult verify(String phone, String idTail, String code) {
        IssuedCaptcha c = captcha();
        return verification.verify(new VerifyCodeCommand(phone, idTail, code, c.captchaId(), c.answer(), "203.0.113.9"));
    }

    public ResendSmsResult resend(String phone, String idTail) {
        IssuedCaptcha c = captcha();
        ResendSmsResult result = verification.resend(new ResendSmsCommand(phone, idTail, c.captchaId(), c.answer(), "203.0.113.9"));
        dispatch();
        return result;
    }

    /** The application as stored now. */
    public ApplicationView view(String applicationId) {
        Outcome<ApplicationView> outcome = service.get(new beian.verify.core.port.in.Caller.Provider(PROVIDER), applicationId);
        if (outcome instanceof Outcome.Ok<ApplicationView> ok) {
            return ok.value();
        }
        throw new AssertionError("no application " + applicationId + ": " + outcome);
    }
}
