package beian.verify.app;

import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.Province;
import beian.verify.core.domain.ProvinceCatalog;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.TargetSelection;
import beian.verify.core.domain.VerificationPolicy;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.port.in.ApproveApplicationUseCase;
import beian.verify.core.port.in.DispatchSmsUseCase;
import beian.verify.core.port.in.EraseExpiredPersonalDataUseCase;
import beian.verify.core.port.in.GetApplicationUseCase;
import beian.verify.core.port.in.ImportFiledRecordsUseCase;
import beian.verify.core.port.in.IssueCaptchaUseCase;
import beian.verify.core.port.in.IssueProofOfWorkUseCase;
import beian.verify.core.port.in.ListApplicationsUseCase;
import beian.verify.core.port.in.ListProvincesUseCase;
import beian.verify.core.port.in.ListReadyForReviewUseCase;
import beian.verify.core.port.in.AdmitRequestUseCase;
import beian.verify.core.port.in.PurgeExpiredCaptchasUseCase;
import beian.verify.core.port.in.PurgeExpiredCountersUseCase;
import beian.verify.core.port.in.ReadEventsUseCase;
import beian.verify.core.port.in.RecordDeliveryUseCase;
import beian.verify.core.port.in.RejectApplicationUseCase;
import beian.verify.core.port.in.ListAuditRecordsUseCase;
import beian.verify.core.port.in.ResendSmsUseCase;
import beian.verify.core.port.in.ReturnExpiredApplicationsUseCase;
import beian.verify.core.port.in.SendAutoResendsUseCase;
import beian.verify.core.port.in.SubmitApplicationUseCase;
import beian.verify.core.port.in.VerifyCodeUseCase;
import beian.verify.core.port.in.WithdrawApplicationUseCase;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.ApplicationQueries;
import beian.verify.core.port.out.ApplicationRepository;
import beian.verify.core.port.out.AuditTrail;
import beian.verify.core.port.out.CaptchaStore;
import beian.verify.core.port.out.ClosedApplicationCounts;
import beian.verify.core.port.out.ErasableApplications;
import beian.verify.core.port.out.CodeGenerator;
import beian.verify.core.port.out.DispatchSignal;
import beian.verify.core.port.out.DueApplications;
import beian.verify.core.port.out.AuditRecords;
import beian.verify.core.port.out.EventStore;
import beian.verify.core.port.out.FiledRecordRepository;
import beian.verify.core.port.out.KeyedHasher;
import beian.verify.core.port.out.PhoneThrottleRepository;
import beian.verify.core.port.out.RequestCounters;
import beian.verify.core.port.out.RandomSource;
import beian.verify.core.port.out.SentSmsLog;
import beian.verify.core.port.out.SmsOutbox;
import beian.verify.core.port.out.SmsSender;
import beian.verify.core.port.out.TransactionRunner;
import beian.verify.core.service.ApproveApplicationService;
import beian.verify.core.service.DispatchSmsService;
import beian.verify.core.service.EraseExpiredPersonalDataService;
import beian.verify.core.service.GetApplicationService;
import beian.verify.core.service.ImportFiledRecordsService;
import beian.verify.core.service.IssueCaptchaService;
import beian.verify.core.service.IssueProofOfWorkService;
import beian.verify.core.service.ListApplicationsService;
import beian.verify.core.service.ListProvincesService;
import beian.verify.core.service.ListReadyForReviewService;
import beian.verify.core.service.AdmitRequestService;
import beian.verify.core.service.PurgeExpiredCaptchasService;
import beian.verify.core.service.PurgeExpiredCountersService;
import beian.verify.core.service.ReadEventsService;
import beian.verify.core.service.RecordDeliveryService;
import beian.verify.core.service.RejectApplicationService;
import beian.verify.core.service.ListAuditRecordsService;
import beian.verify.core.service.ResendSmsService;
import beian.verify.core.service.ReturnExpiredApplicationsService;
import beian.verify.core.service.SendAutoResendsService;
import beian.verify.core.service.SubmitApplicationService;
import beian.verify.core.service.VerifyCodeService;
import beian.verify.core.service.WithdrawApplicationService;
import beian.verify.core.service.SecureRandomSource;
import beian.verify.app.jobs.RetentionProperties;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Wires the framework-free core: configuration into its value objects, and one service per use
 * case, each given exactly the adapters' port implementations it names.
 */
@Factory
public class CoreFactory {

    @Singleton
    ProvinceCatalog provinceCatalog(List<ProvinceProperties> overrides) {
        ProvinceCatalog defaults = ProvinceCatalog.defaults();
        return defaults.with(overrides.stream().map(o -> {
            ProvinceCode code = ProvinceCode.of(o.getCode());
            Province base = defaults.find(code).orElseThrow();
            String name = o.getName() != null ? o.getName() : base.name();
            String host = o.getPlatformHost() != null ? o.getPlatformHost() : base.platformHost();
            java.time.Instant since = Boolean.FALSE.equals(o.getSmsVerification()) ? null
                    : o.getSmsVerificationSince() != null ? o.getSmsVerificationSince().toInstant()
                    : base.smsVerificationSince();
            return new Province(code, name, host, since);
        }).toList());
    }

    /** {@code beian.policy.<FILING_TYPE>: <SELECTION>} rows laid over the source's table. */
    @Singleton
    VerificationPolicy verificationPolicy(Environment environment) {
        VerificationPolicy policy = VerificationPolicy.defaults();
        Map<String, Object> rows = environment.getProperties("beian.policy", StringConvention.RAW);
        for (Map.Entry<String, Object> row : rows.entrySet()) {
            String type = row.getKey().toUpperCase(Locale.ROOT).replace('-', '_');
            String selection = String.valueOf(row.getValue()).toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                policy = policy.with(FilingType.valueOf(type), TargetSelection.valueOf(selection));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("beian.policy." + row.getKey() + ": '" + row.getValue()
                        + "' is not a filing type mapped to one of " + List.of(TargetSelection.values()), e);
            }
        }
        return policy;
    }

    @Singleton
    VerificationSettings verificationSettings(VerificationProperties properties) {
        return properties.toSettings();
    }

    /** The secret behind every stored hash; required, base64, at least 32 bytes. */
    @Singleton
    KeyedHasher keyedHasher(@Value("${beian.security.hash-key}") String base64Key) {
        return new HmacKeyedHasher(Base64.getDecoder().decode(base64Key.strip()));
    }

    @Singleton
    @Secondary
    AppClock systemClock() {
        Clock clock = Clock.systemUTC();
        return clock::instant;
    }

    /** Each target's one code, derived under the same key as the hashes (docs/decisions.md "One code per target"). */
    @Singleton
    CodeGenerator codeGenerator(@Value("${beian.security.hash-key}") String base64Key) {
        return new HmacCodeGenerator(Base64.getDecoder().decode(base64Key.strip()));
    }

    @Singleton
    RandomSource randomSource() {
        return new SecureRandomSource();
    }

    /** No dispatcher listens unless the SMS adapter provides one; its schedule still sends. */
    @Singleton
    @Secondary
    DispatchSignal noDispatchSignal() {
        return DispatchSignal.NONE;
    }

    // One bean per use case, each given exactly the ports it names (see each service's constructor).

    @Singleton
    SubmitApplicationUseCase submitApplication(ProvinceCatalog provinces, VerificationPolicy policy,
                                               VerificationSettings settings, TransactionRunner transactions,
                                               AppClock clock, ApplicationRepository applications,
                                               FiledRecordRepository filedRecords, PhoneThrottleRepository throttles,
                                               SmsOutbox outbox, EventStore events, KeyedHasher hasher,
                                               CodeGenerator codes, RandomSource random, DispatchSignal dispatchSignal,
                                               AuditTrail audit, RequestCounters counters) {
        return new SubmitApplicationService(provinces, policy, settings, transactions, clock, applications, filedRecords,
                throttles, outbox, events, hasher, codes, random, dispatchSignal, audit, counters);
    }

    @Singleton
    IssueCaptchaUseCase issueCaptcha(VerificationSettings settings, TransactionRunner transactions, AppClock clock,
                                     CaptchaStore captchas, KeyedHasher hasher, RandomSource random) {
        return new IssueCaptchaService(settings, clock, hasher, random);
    }

    @Singleton
    IssueProofOfWorkUseCase issueProofOfWork(VerificationSettings settings, AppClock clock, KeyedHasher hasher,
                                             RandomSource random) {
        return new IssueProofOfWorkService(settings, clock, hasher, random);
    }

    @Singleton
    VerifyCodeUseCase verifyCode(VerificationSettings settings, TransactionRunner transactions, AppClock clock,
                                 CaptchaStore captchas, PhoneThrottleRepository throttles,
                                 ApplicationRepository applications, EventStore events, AuditTrail audit,
                                 KeyedHasher hasher) {
        return new VerifyCodeService(settings, transactions, clock, captchas, throttles, applications, events, audit,
                hasher);
    }

    @Singleton
    ListAuditRecordsUseCase listAuditRecords(TransactionRunner transactions, AuditRecords records) {
        return new ListAuditRecordsService(transactions, records);
    }

    @Singleton
    ResendSmsUseCase resendSms(VerificationSettings settings, TransactionRunner transactions, AppClock clock,
                               CaptchaStore captchas, PhoneThrottleRepository throttles,
                               ApplicationRepository applications, SmsOutbox outbox, EventStore events,
                               AuditTrail audit, KeyedHasher hasher, CodeGenerator codes, RandomSource random,
                               DispatchSignal dispatchSignal, SmsCeilingProperties ceilings, SentSmsLog sentLog) {
        return new ResendSmsService(settings, transactions, clock, captchas, throttles, applications, outbox, events, audit,
                hasher, codes, random, dispatchSignal, ceilings.toCeilings(), sentLog);
    }

    @Singleton
    GetApplicationUseCase getApplication(TransactionRunner transactions, ApplicationQueries queries) {
        return new GetApplicationService(transactions, queries);
    }

    @Singleton
    ListApplicationsUseCase listApplications(TransactionRunner transactions, ApplicationQueries queries) {
        return new ListApplicationsService(transactions, queries);
    }

    @Singleton
    ListReadyForReviewUseCase listReadyForReview(TransactionRunner transactions, ApplicationQueries queries) {
        return new ListReadyForReviewService(transactions, queries);
    }

    @Singleton
    ReadEventsUseCase readEvents(TransactionRunner transactions, EventStore events) {
        return new ReadEventsService(transactions, events);
    }

    @Singleton
    ListProvincesUseCase listProvinces(ProvinceCatalog provinces) {
        return new ListProvincesService(provinces);
    }

    @Singleton
    WithdrawApplicationUseCase withdrawApplication(TransactionRunner transactions, AppClock clock,
                                                   ApplicationRepository applications, EventStore events) {
        return new WithdrawApplicationService(transactions, clock, applications, events);
    }

    @Singleton
    ApproveApplicationUseCase approveApplication(TransactionRunner transactions, AppClock clock,
                                                 ApplicationRepository applications, FiledRecordRepository filedRecords,
                                                 EventStore events) {
        return new ApproveApplicationService(transactions, clock, applications, filedRecords, events);
    }

    @Singleton
    RejectApplicationUseCase rejectApplication(TransactionRunner transactions, AppClock clock,
                                               ApplicationRepository applications, EventStore events) {
        return new RejectApplicationService(transactions, clock, applications, events);
    }

    @Singleton
    ImportFiledRecordsUseCase importFiledRecords(TransactionRunner transactions, FiledRecordRepository filedRecords) {
        return new ImportFiledRecordsService(transactions, filedRecords);
    }

    @Singleton
    ReturnExpiredApplicationsUseCase returnExpiredApplications(TransactionRunner transactions, AppClock clock,
                                                               DueApplications due, ApplicationRepository applications,
                                                               EventStore events) {
        return new ReturnExpiredApplicationsService(transactions, clock, due, applications, events);
    }

    @Singleton
    SendAutoResendsUseCase sendAutoResends(TransactionRunner transactions, AppClock clock, DueApplications due,
                                           ApplicationQueries queries, ApplicationRepository applications,
                                           PhoneThrottleRepository throttles, SmsOutbox outbox, KeyedHasher hasher,
                                           CodeGenerator codes, RandomSource random, DispatchSignal dispatchSignal) {
        return new SendAutoResendsService(transactions, clock, due, queries, applications, throttles, outbox, hasher,
                codes, random, dispatchSignal);
    }

    @Singleton
    DispatchSmsUseCase dispatchSms(ProvinceCatalog provinces, VerificationSettings settings,
                                   TransactionRunner transactions, AppClock clock, SmsOutbox outbox,
                                   ApplicationQueries queries, ApplicationRepository applications, EventStore events,
                                   SmsSender carrier, RandomSource random, SmsCeilingProperties ceilings,
                                   SentSmsLog sentSms) {
        return new DispatchSmsService(provinces, settings, transactions, clock, outbox, queries, applications, events,
                carrier, random, ceilings.toCeilings(), sentSms);
    }

    @Singleton
    PurgeExpiredCaptchasUseCase purgeExpiredCaptchas(TransactionRunner transactions, AppClock clock,
                                                     CaptchaStore captchas) {
        return new PurgeExpiredCaptchasService(transactions, clock, captchas);
    }

    /** Retention: counts days in the verification zone (Asia/Shanghai by default). */
    @Singleton
    EraseExpiredPersonalDataUseCase eraseExpiredPersonalData(RetentionProperties retention, VerificationSettings settings,
                                                             TransactionRunner transactions, AppClock clock,
                                                             ErasableApplications erasable,
                                                             ClosedApplicationCounts counts) {
        return new EraseExpiredPersonalDataService(retention.toPeriod(), settings.zone(), transactions, clock, erasable,
                counts);
    }

    @Singleton
    AdmitRequestUseCase admitRequest(TransactionRunner transactions, AppClock clock, RequestCounters counters) {
        return new AdmitRequestService(transactions, clock, counters);
    }

    @Singleton
    PurgeExpiredCountersUseCase purgeExpiredCounters(VerificationSettings settings, TransactionRunner transactions,
                                                     AppClock clock, RequestCounters counters,
                                                     PhoneThrottleRepository throttles) {
        return new PurgeExpiredCountersService(settings, transactions, clock, counters, throttles);
    }

    @Singleton
    RecordDeliveryUseCase recordDelivery(TransactionRunner transactions, AppClock clock, SmsOutbox outbox,
                                         ApplicationRepository applications, EventStore events) {
        return new RecordDeliveryService(transactions, clock, outbox, applications, events);
    }
}
