package beian.verify.core.testing;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.EventType;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.ProvinceCatalog;
import beian.verify.core.domain.RecordedEvent;
import beian.verify.core.domain.SmsCeilings;
import beian.verify.core.domain.VerificationPolicy;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.domain.VerificationTarget;
import beian.verify.core.port.in.ApplicationPage;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.ApproveApplicationUseCase.ApproveApplicationCommand;
import beian.verify.core.port.in.Caller;
import beian.verify.core.port.in.GetApplicationUseCase.GetApplicationQuery;
import beian.verify.core.port.in.ImportFiledRecordsUseCase.FiledRecordInput;
import beian.verify.core.port.in.ImportFiledRecordsUseCase.ImportFiledRecordsCommand;
import beian.verify.core.port.in.ImportFiledRecordsUseCase.ImportReport;
import beian.verify.core.port.in.IssueCaptchaUseCase.IssuedCaptcha;
import beian.verify.core.port.in.ListApplicationsUseCase.ListApplicationsQuery;
import beian.verify.core.port.in.ListReadyForReviewUseCase.ListReadyForReviewQuery;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.ReadEventsUseCase.ReadEventsQuery;
import beian.verify.core.port.in.RejectApplicationUseCase.RejectApplicationCommand;
import beian.verify.core.port.in.ResendSmsUseCase.ResendSmsCommand;
import beian.verify.core.port.in.ResendSmsUseCase.ResendSmsResult;
import beian.verify.core.port.in.SubmitApplicationUseCase.PersonInput;
import beian.verify.core.port.in.SubmitApplicationUseCase.SubmitApplicationCommand;
import beian.verify.core.port.in.SubmitApplicationUseCase.Submission;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeCommand;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeResult;
import beian.verify.core.port.in.WithdrawApplicationUseCase.WithdrawApplicationCommand;
import beian.verify.core.port.out.DispatchSignal;
import beian.verify.core.port.out.KeyedHasher;
import beian.verify.core.port.out.RandomSource;
import beian.verify.core.port.out.SmsSender;
import beian.verify.core.domain.RetentionPeriod;
import beian.verify.core.service.EraseExpiredPersonalDataService;
import beian.verify.core.service.SecureRandomSource;
import beian.verify.core.service.SubmitApplicationService;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The core wired on in-memory fakes of every outbound port, with a movable clock, a recording
 * carrier and scripted codes: each use case's service gets exactly the ports it names, as the
 * application wires them. Plus short-hands for the steps tests take.
 */
public final class CoreFixture extends CoreServices {
    public static final ProviderId PROVIDER = new ProviderId("demo-provider");
    public static final ProviderId OTHER_PROVIDER = new ProviderId("other-provider");

    public final MutableClock clock;
    public final InMemoryTransactions tx;
    public final InMemoryApplicationRepository applications;
    public final InMemoryFiledRecordRepository filedRecords;
    public final InMemoryEventStore events;
    public final InMemorySmsOutbox outbox;
    public final InMemoryPhoneThrottles throttles;
    public final InMemoryCaptchaStore captchas;
    public final InMemoryAuditTrail audit;
    /** The shared counters (TRANSFER_IN mismatches per provider). */
    public final InMemoryRequestCounters counters;
    /** Retention's storage on the fakes above, and the anonymous counts. */
    public final InMemoryRetention retention;
    public final RecordingSmsSender carrier;
    public final ScriptedCodeGenerator codes;
    public final AtomicInteger dispatchSignals;
    public final ProvinceCatalog provinces;
    public final VerificationPolicy policy;
    public final VerificationSettings settings;
    private final Fakes fakes;

    /** The fakes, made before the services that are built on them. */
    private static final class Fakes {
        final InMemoryTransactions tx = new InMemoryTransactions();
        final InMemoryApplicationRepository applications = new InMemoryApplicationRepository(tx);
        final InMemoryAuditTrail audit = new InMemoryAuditTrail(tx);
        final Storage storage = new Storage(tx, applications, applications, applications,
                new InMemoryFiledRecordRepository(tx), new InMemoryEventStore(tx), new InMemorySmsOutbox(tx),
                new InMemoryPhoneThrottles(tx), new InMemoryCaptchaStore(tx), new InMemorySentSmsLog(tx), audit, audit);
        final InMemoryRequestCounters counters = new InMemoryRequestCounters(tx);
        final RecordingSmsSender carrier = new RecordingSmsSender();
        final ScriptedCodeGenerator codes = new ScriptedCodeGenerator();
        final KeyedHasher hasher = new HmacTestHasher();
        final RandomSource random = new SecureRandomSource();
        final AtomicInteger dispatchSignals = new AtomicInteger();
        final DispatchSignal signal = dispatchSignals::incrementAndGet;
        final MutableClock clock;

        Fakes(Instant start) {
            this.clock = new MutableClock(start);
        }
    }

    public CoreFixture(Instant start) {
        this(start, ProvinceCatalog.defaults(), VerificationPolicy.defaults(), VerificationSettings.defaults());
    }

    public CoreFixture(Instant start, ProvinceCatalog provinces, VerificationPolicy policy, VerificationSettings settings) {
        this(start, provinces, policy, settings, null);
    }

    /** A fixture whose carrier is {@code sender} instead of the recording one. */
    public CoreFixture(Instant start, ProvinceCatalog provinces, VerificationPolicy policy, VerificationSettings settings,
                       SmsSender sender) {
        this(new Fakes(start), provinces, policy, settings, sender, SmsCeilings.none());
    }

    /**
     * A fixture with SMS ceilings. The other fixtures have none, so a rule test that sends two SMS to one phone
     * at once tests its own rule; the ceilings are tested by their own rules.
     */
    public CoreFixture(Instant start, SmsCeilings ceilings) {
        this(new Fakes(start), ProvinceCatalog.defaults(), VerificationPolicy.defaults(), VerificationSettings.defaults(),
                null, ceilings);
    }

    private CoreFixture(Fakes f, ProvinceCatalog provinces, VerificationPolicy policy, VerificationSettings settings,
                        SmsSender sender, SmsCeilings ceilings) {
        super(f.storage, f.audit, f.counters, f.clock, sender == null ? f.carrier : sender, f.codes, f.hasher, f.random, f.signal,
                provinces, policy, settings, ceilings);
        this.fakes = f;
        this.clock = f.clock;
        this.tx = f.tx;
        this.applications = f.applications;
        this.filedRecords = (InMemoryFiledRecordRepository) f.storage.filedRecords();
        this.events = (InMemoryEventStore) f.storage.events();
        this.outbox = (InMemorySmsOutbox) f.storage.outbox();
        this.throttles = (InMemoryPhoneThrottles) f.storage.throttles();
        this.captchas = (InMemoryCaptchaStore) f.storage.captchas();
        this.audit = f.audit;
        this.counters = f.counters;
        this.retention = new InMemoryRetention(f.tx, f.applications, outbox, f.audit, throttles, events);
        this.carrier = f.carrier;
        this.codes = f.codes;
        this.dispatchSignals = f.dispatchSignals;
        this.provinces = provinces;
        this.policy = policy;
        this.settings = settings;
    }

    /** A submission service on this fixture's storage that signals {@code dispatchSignal}. */
    public SubmitApplicationService submitService(DispatchSignal dispatchSignal) {
        return new SubmitApplicationService(provinces, policy, settings, tx, clock, applications, filedRecords, throttles,
                outbox, events, fakes.hasher, codes, fakes.random, dispatchSignal, audit, counters);
    }

    /** Retention (DOMAIN.md "Privacy") on this fixture's storage, counting days in the settings' zone. */
    public EraseExpiredPersonalDataService eraser(RetentionPeriod period) {
        return new EraseExpiredPersonalDataService(period, settings.zone(), tx, clock, retention, retention);
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
    public List<RecordedEvent> eventsOf(ProviderId provider) {
        return tx.inTransaction(() -> events.readAfter(provider, 0, Integer.MAX_VALUE));
    }

    /** The types of the provider's events, in order. */
    public List<EventType> eventTypes() {
        return eventsOf(PROVIDER).stream().map(e -> e.event().type()).toList();
    }

    /** Hands every due SMS to the carrier. */
    public void dispatch() {
        dispatcher.dispatch(1000);
    }

    /** A captcha answered right. */
    public IssuedCaptcha captcha() {
        return captcha.issue();
    }

    public VerifyCodeResult verify(String phone, String idTail, String code) {
        return verifyFrom("203.0.113.9", phone, idTail, code);
    }

    /** A verify from the client at {@code address}, with a captcha answered right. */
    public VerifyCodeResult verifyFrom(String address, String phone, String idTail, String code) {
        IssuedCaptcha c = captcha();
        return verification.verify(new VerifyCodeCommand(phone, idTail, code, c.captchaId(), c.answer(), address));
    }

    public ResendSmsResult resend(String phone, String idTail) {
        return resendFrom("203.0.113.9", phone, idTail);
    }

    /** A manual resend from the client at {@code address}, with a captcha answered right. */
    public ResendSmsResult resendFrom(String address, String phone, String idTail) {
        IssuedCaptcha c = captcha();
        ResendSmsResult result = resends.resend(new ResendSmsCommand(phone, idTail, c.captchaId(), c.answer(), address));
        dispatch();
        return result;
    }

    public Outcome<ApplicationView> get(Caller caller, String applicationId) {
        return applicationQuery.get(new GetApplicationQuery(caller, applicationId));
    }

    public Outcome<ApplicationPage> list(ProviderId provider, ApplicationStatus status, int pageSize, String pageToken) {
        return applicationList.list(new ListApplicationsQuery(provider, status, pageSize, pageToken));
    }

    public Outcome<ApplicationPage> listReadyForReview(Caller.Reviewer reviewer, String province, int pageSize,
                                                       String pageToken) {
        return reviewList.list(new ListReadyForReviewQuery(reviewer, province, pageSize, pageToken));
    }

    public List<RecordedEvent> events(ProviderId provider, long afterSequence, int limit) {
        return eventReader.read(new ReadEventsQuery(provider, afterSequence, limit));
    }

    public Outcome<ApplicationView> withdraw(ProviderId provider, String applicationId) {
        return withdrawals.withdraw(new WithdrawApplicationCommand(provider, applicationId));
    }

    public Outcome<ApplicationView> approve(Caller.Reviewer reviewer, String applicationId, String filingNumber) {
        return approvals.approve(new ApproveApplicationCommand(reviewer, applicationId, filingNumber));
    }

    public Outcome<ApplicationView> reject(Caller.Reviewer reviewer, String applicationId, String reason) {
        return rejections.reject(new RejectApplicationCommand(reviewer, applicationId, reason));
    }

    public Outcome<ImportReport> importRecords(Caller.Reviewer reviewer, List<FiledRecordInput> records) {
        return imports.importRecords(new ImportFiledRecordsCommand(reviewer, records));
    }

    /**
     * Stores target {@code number} of the application as the service stored targets before one code per
     * target (DOMAIN.md "Codes", revised 2026-12-07): no draw, and the keyed hashes of the random codes it
     * was sent, hashed as the core hashes codes (purpose {@code code}, salted with application and target).
     */
    public void storeAsBeforeOneCodePerTarget(String applicationId, int number, String... codesSent) {
        ApplicationId id = new ApplicationId(applicationId);
        List<String> hashes = java.util.Arrays.stream(codesSent)
                .map(code -> fakes.hasher.hash("code", id.value() + "#" + number + ":" + code)).toList();
        tx.inTransaction(() -> {
            applications.rewriteTarget(id, number, t -> new VerificationTarget(t.number(), t.roles(), t.phone(),
                    t.idType(), t.idTailHash(), t.status(), t.idFailures(), hashes, null, t.smsSentCount(),
                    t.manualResends(), t.lastManualResendAt(), t.verifiedAt()));
            return null;
        });
    }

    /** The application as stored now. */
    public ApplicationView view(String applicationId) {
        Outcome<ApplicationView> outcome = get(new Caller.Provider(PROVIDER), applicationId);
        if (outcome instanceof Outcome.Ok<ApplicationView> ok) {
            return ok.value();
        }
        throw new AssertionError("no application " + applicationId + ": " + outcome);
    }
}
