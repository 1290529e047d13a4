package beian.verify.app;

import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.Province;
import beian.verify.core.domain.ProvinceCatalog;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.TargetSelection;
import beian.verify.core.domain.VerificationPolicy;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.ApplicationRepository;
import beian.verify.core.port.out.AuditTrail;
import beian.verify.core.port.out.CaptchaStore;
import beian.verify.core.port.out.CodeGenerator;
import beian.verify.core.port.out.DispatchSignal;
import beian.verify.core.port.out.EventStore;
import beian.verify.core.port.out.FiledRecordRepository;
import beian.verify.core.port.out.KeyedHasher;
import beian.verify.core.port.out.PhoneThrottleRepository;
import beian.verify.core.port.out.RandomSource;
import beian.verify.core.port.out.SmsOutbox;
import beian.verify.core.port.out.SmsSender;
import beian.verify.core.port.out.TransactionRunner;
import beian.verify.core.service.ApplicationService;
import beian.verify.core.service.CaptchaService;
import beian.verify.core.service.DueWorkService;
import beian.verify.core.service.Ports;
import beian.verify.core.service.SecureRandomCodeGenerator;
import beian.verify.core.service.SecureRandomSource;
import beian.verify.core.service.SubmissionService;
import beian.verify.core.service.VerificationService;
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
 * Wires the framework-free core: configuration into its value objects, the adapters' port
 * implementations into {@link Ports}, and the services that implement the use cases.
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

    @Singleton
    CodeGenerator codeGenerator() {
        return new SecureRandomCodeGenerator();
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

    @Singleton
    Ports ports(AppClock clock, TransactionRunner transactions, ApplicationRepository applications,
                FiledRecordRepository filedRecords, EventStore events, SmsOutbox outbox, PhoneThrottleRepository throttles,
                CaptchaStore captchas, AuditTrail audit, SmsSender sms, KeyedHasher hasher, CodeGenerator codes,
                RandomSource random, DispatchSignal dispatchSignal) {
        return new Ports(clock, transactions, applications, filedRecords, events, outbox, throttles, captchas, audit,
                sms, hasher, codes, random, dispatchSignal);
    }

    @Singleton
    SubmissionService submissionService(Ports ports, ProvinceCatalog provinces, VerificationPolicy policy,
                                        VerificationSettings settings) {
        return new SubmissionService(ports, provinces, policy, settings);
    }

    @Singleton
    CaptchaService captchaService(Ports ports, VerificationSettings settings) {
        return new CaptchaService(ports, settings);
    }

    @Singleton
    VerificationService verificationService(Ports ports, ProvinceCatalog provinces, VerificationSettings settings,
                                            CaptchaService captchas) {
        return new VerificationService(ports, provinces, settings, captchas);
    }

    @Singleton
    DueWorkService dueWorkService(Ports ports, ProvinceCatalog provinces, VerificationSettings settings) {
        return new DueWorkService(ports, provinces, settings);
    }

    @Singleton
    ApplicationService applicationService(Ports ports, ProvinceCatalog provinces) {
        return new ApplicationService(ports, provinces);
    }

}
