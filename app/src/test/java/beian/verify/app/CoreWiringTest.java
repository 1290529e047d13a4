package beian.verify.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.FilingType;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.SubmitApplicationUseCase;
import beian.verify.core.port.in.SubmitApplicationUseCase.Submission;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import beian.verify.core.port.in.VerifyCodeUseCase;
import beian.verify.core.port.in.IssueCaptchaUseCase;
import beian.verify.core.service.IssueCaptchaService;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.People;
import beian.verify.core.testing.RecordingSmsSender;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** CoreFactory turns configuration into the core's rules and wires the use cases on whatever ports exist. */
class CoreWiringTest {
    static final String KEY = "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=";

    /** The storage is the persistence adapter's, on a fresh in-memory H2 database per context. */
    private ApplicationContext context(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(Map.of("beian.security.hash-key", KEY,
                "beian.db.url", "jdbc:h2:mem:wiring-" + UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"));
        properties.putAll(extra);
        return ApplicationContext.builder().properties(properties)
                .singletons(new RecordingSmsSender())
                .start();
    }

    private static ApplicationView submit(ApplicationContext ctx, FilingType type, String province) {
        Outcome<Submission> outcome = ctx.getBean(SubmitApplicationUseCase.class).submit(
                new SubmitApplicationUseCase.SubmitApplicationCommand(CoreFixture.PROVIDER, "r-" + type + province, type,
                        province, "示例", People.person("张三", "13800000001", People.residentId(1)),
                        List.of(new WebsiteInput("a.cn", People.person("李四", "13900000002", People.residentId(2)))),
                        false));
        assertThat(outcome).isInstanceOf(Outcome.Ok.class);
        return ((Outcome.Ok<Submission>) outcome).value().application();
    }

    @Test
    void theDefaultsAreDomainMdsRules() {
        try (ApplicationContext ctx = context(Map.of())) {
            ApplicationView tj = submit(ctx, FilingType.NEW_FILING, "TJ");
            assertThat(tj.status()).isEqualTo(ApplicationStatus.PENDING_VERIFICATION);
            assertThat(Duration.between(tj.submittedAt(), tj.deadline())).isEqualTo(Duration.ofHours(48));
            assertThat(submit(ctx, FilingType.NEW_FILING, "BJ").status()).isEqualTo(ApplicationStatus.READY_FOR_REVIEW);
            assertThat(submit(ctx, FilingType.CANCEL_SUBJECT, "TJ").status()).isEqualTo(ApplicationStatus.READY_FOR_REVIEW);
            assertThat(ctx.getBean(VerifyCodeUseCase.class)).isNotNull();
            assertThat(ctx.getBean(IssueCaptchaUseCase.class).issue().answer()).hasSize(IssueCaptchaService.LENGTH);
        }
    }

    @Test
    void provincesPolicyAndNumbersComeFromConfiguration() {
        try (ApplicationContext ctx = context(Map.of(
                "beian.verification.deadline", "24h",
                "beian.policy.CANCEL_SUBJECT", "SUBJECT",
                "beian.provinces.BJ.platform-host", "bjcainfo.miitbeian.gov.cn",
                "beian.provinces.BJ.sms-verification-since", "2020-08-17T00:00:00+08:00",
                "beian.provinces.TJ.sms-verification", "false"))) {
            ApplicationView bj = submit(ctx, FilingType.NEW_FILING, "BJ");
            assertThat(bj.status()).isEqualTo(ApplicationStatus.PENDING_VERIFICATION);
            assertThat(Duration.between(bj.submittedAt(), bj.deadline())).isEqualTo(Duration.ofHours(24));
            assertThat(submit(ctx, FilingType.CANCEL_SUBJECT, "GS").targets()).hasSize(1);
            assertThat(submit(ctx, FilingType.NEW_FILING, "TJ").status()).isEqualTo(ApplicationStatus.READY_FOR_REVIEW);
        }
    }

    @Test
    void aPolicyRowThatIsNotASelectionStopsTheServiceNamingIt() {
        try (ApplicationContext ctx = context(Map.of("beian.policy.CANCEL_SUBJECT", "EVERYONE"))) {
            assertThatThrownBy(() -> ctx.getBean(SubmitApplicationUseCase.class))
                    .hasStackTraceContaining("beian.policy.");
        }
    }

    @Test
    void theHashKeyIsRequiredAndMustBeLongEnough() {
        try (ApplicationContext ctx = context(Map.of("beian.security.hash-key", "c2hvcnQ="))) {
            assertThatThrownBy(() -> ctx.getBean(SubmitApplicationUseCase.class))
                    .hasStackTraceContaining("at least 32 bytes");
        }
    }
}
