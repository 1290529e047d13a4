package beian.verify.core.testing;

import beian.verify.core.port.out.AuditRecords;
import beian.verify.core.service.ListAuditRecordsService;

import beian.verify.core.domain.ProvinceCatalog;
import beian.verify.core.domain.SmsCeilings;
import beian.verify.core.domain.VerificationPolicy;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.AuditTrail;
import beian.verify.core.port.out.CodeGenerator;
import beian.verify.core.port.out.DispatchSignal;
import beian.verify.core.port.out.KeyedHasher;
import beian.verify.core.port.out.RandomSource;
import beian.verify.core.port.out.RequestCounters;
import beian.verify.core.port.out.SmsSender;
import beian.verify.core.service.ApproveApplicationService;
import beian.verify.core.service.DispatchSmsService;
import beian.verify.core.service.GetApplicationService;
import beian.verify.core.service.ImportFiledRecordsService;
import beian.verify.core.service.IssueCaptchaService;
import beian.verify.core.service.IssueProofOfWorkService;
import beian.verify.core.service.ListApplicationsService;
import beian.verify.core.service.ListProvincesService;
import beian.verify.core.service.ListReadyForReviewService;
import beian.verify.core.service.PurgeExpiredCaptchasService;
import beian.verify.core.service.ReadEventsService;
import beian.verify.core.service.RecordDeliveryService;
import beian.verify.core.service.RejectApplicationService;
import beian.verify.core.service.ResendSmsService;
import beian.verify.core.service.ReturnExpiredApplicationsService;
import beian.verify.core.service.SendAutoResendsService;
import beian.verify.core.service.SubmitApplicationService;
import beian.verify.core.service.VerifyCodeService;
import beian.verify.core.service.WithdrawApplicationService;

/**
 * Every use case's service on one storage, each given exactly the ports it names, as the
 * application wires them: on the in-memory fakes ({@link CoreFixture}) or on a real database (the
 * persistence adapter's tests).
 */
public class CoreServices {
    public final SubmitApplicationService submission;
    public final IssueCaptchaService captcha;
    public final IssueProofOfWorkService proofOfWork;
    public final VerifyCodeService verification;
    public final ResendSmsService resends;
    public final GetApplicationService applicationQuery;
    public final ListApplicationsService applicationList;
    public final ListReadyForReviewService reviewList;
    public final ReadEventsService eventReader;
    public final ListProvincesService provinceList;
    public final WithdrawApplicationService withdrawals;
    public final ApproveApplicationService approvals;
    public final RejectApplicationService rejections;
    public final ImportFiledRecordsService imports;
    public final ReturnExpiredApplicationsService returns;
    public final SendAutoResendsService autoResends;
    public final DispatchSmsService dispatcher;
    public final PurgeExpiredCaptchasService captchaPurge;
    public final RecordDeliveryService deliveries;
    /** Only when the audit given can also be read (the fakes and the JDBC adapter both can). */
    public final ListAuditRecordsService auditList;

    public CoreServices(Storage s, AuditTrail audit, RequestCounters counters, AppClock clock, SmsSender carrier, CodeGenerator codes,
                        KeyedHasher hasher, RandomSource random, DispatchSignal signal, ProvinceCatalog provinces,
                        VerificationPolicy policy, VerificationSettings settings, SmsCeilings ceilings) {
        this.submission = new SubmitApplicationService(provinces, policy, settings, s.tx(), clock, s.applications(),
                s.filedRecords(), s.throttles(), s.outbox(), s.events(), hasher, codes, random, signal, audit, counters);
        this.captcha = new IssueCaptchaService(settings, clock, hasher, random);
        this.proofOfWork = new IssueProofOfWorkService(settings, clock, hasher, random);
        this.verification = new VerifyCodeService(settings, s.tx(), clock, s.captchas(), s.throttles(), s.applications(),
                s.events(), audit, hasher);
        this.resends = new ResendSmsService(settings, s.tx(), clock, s.captchas(), s.throttles(), s.applications(),
                s.outbox(), s.events(), audit, hasher, codes, random, signal, ceilings, s.sentSms());
        this.applicationQuery = new GetApplicationService(s.tx(), s.queries());
        this.applicationList = new ListApplicationsService(s.tx(), s.queries());
        this.reviewList = new ListReadyForReviewService(s.tx(), s.queries());
        this.eventReader = new ReadEventsService(s.tx(), s.events());
        this.provinceList = new ListProvincesService(provinces);
        this.withdrawals = new WithdrawApplicationService(s.tx(), clock, s.applications(), s.events());
        this.approvals = new ApproveApplicationService(s.tx(), clock, s.applications(), s.filedRecords(), s.events());
        this.rejections = new RejectApplicationService(s.tx(), clock, s.applications(), s.events());
        this.imports = new ImportFiledRecordsService(s.tx(), s.filedRecords());
        this.returns = new ReturnExpiredApplicationsService(s.tx(), clock, s.due(), s.applications(), s.events());
        this.autoResends = new SendAutoResendsService(s.tx(), clock, s.due(), s.queries(), s.applications(),
                s.throttles(), s.outbox(), hasher, codes, random, signal);
        this.dispatcher = new DispatchSmsService(provinces, settings, s.tx(), clock, s.outbox(), s.queries(),
                s.applications(), s.events(), carrier, random, ceilings, s.sentSms());
        this.captchaPurge = new PurgeExpiredCaptchasService(s.tx(), clock, s.captchas());
        this.deliveries = new RecordDeliveryService(s.tx(), clock, s.outbox(), s.applications(), s.events());
        this.auditList = audit instanceof AuditRecords records ? new ListAuditRecordsService(s.tx(), records) : null;
    }
}
