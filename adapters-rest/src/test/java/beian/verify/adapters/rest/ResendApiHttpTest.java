package beian.verify.adapters.rest;

import static beian.verify.adapters.rest.PlatformClient.assertProblem;
import static beian.verify.adapters.rest.PlatformClient.assertRetryAfter;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.rest.PlatformClient.Person;
import beian.verify.core.port.in.IssueCaptchaUseCase.IssuedCaptcha;
import beian.verify.core.testing.CoreFixture;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/resends over HTTP: 202 with the page's sentence, and the status and problem of each
 * refusal. The resend rules themselves are tested in core (ResendRulesTest).
 */
@MicronautTest
@Property(name = "beian.rest.rate-limits.enabled", value = "false")
class ResendApiHttpTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    CoreFixture core;

    PlatformClient platform;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(server, json);
        platform = new PlatformClient(http, core);
    }

    @Test
    void aResendForAPendingTargetIsAcceptedWithThePagesWording() {
        Person a = platform.person();
        platform.submit(a, platform.person());

        Http.Answer answer = platform.resend(a.phone(), a.tail());

        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.object()).containsEntry("message", "您的短信已发送成功");
    }

    @Test
    void aResendWithNothingPendingIsRecordNotFound() {
        Person nobody = platform.person();

        Http.Answer answer = platform.resend(nobody.phone(), nobody.tail());

        assertProblem(answer, 404, "RECORD_NOT_FOUND");
        assertThat(answer.get("detail")).isEqualTo("暂无待短信核验的备案申请，无需重发短信");
    }

    @Test
    void aResendTooSoonIs429ResendTooFrequent() {
        Person a = platform.person();
        platform.submit(a, platform.person());
        assertThat(platform.resend(a.phone(), a.tail()).status()).isEqualTo(202);

        Http.Answer again = platform.resend(a.phone(), a.tail());

        assertProblem(again, 429, "RESEND_TOO_FREQUENT");
        assertRetryAfter(again, 60); // one a minute per target: the wait until its next resend
        assertThat(again.get("detail")).isEqualTo("短信发送过于频繁，请于 60 秒后再试");
    }

    @Test
    void whenTheResendsAreUsedUpThe429SaysSoAndTellsNoWaitForItWillNeverEnd() {
        Person a = platform.person();
        platform.submit(a, platform.person());
        assertThat(platform.resend(a.phone(), a.tail()).status()).isEqualTo(202);
        core.clock.advance(Duration.ofSeconds(61));
        assertThat(platform.resend(a.phone(), a.tail()).status()).isEqualTo(202);
        core.clock.advance(Duration.ofSeconds(61));

        Http.Answer third = platform.resend(a.phone(), a.tail());

        assertProblem(third, 429, "RESEND_TOO_FREQUENT");
        assertThat(third.header("Retry-After")).isNull();
        assertThat(third.object()).doesNotContainKey("retryAfterSeconds");
        assertThat(third.get("detail")).isEqualTo("短信重发次数已用完，无法再次重发，请使用已收到的短信验证码完成核验");
    }

    @Test
    void aResendWithAWrongCaptchaIsCaptchaInvalid() {
        Person a = platform.person();
        platform.submit(a, platform.person());
        IssuedCaptcha captcha = core.captcha();

        Http.Answer answer = http.post("/api/v1/resends", http.json(Map.of("phone", a.phone(), "idTail", a.tail(),
                "captchaId", captcha.captchaId(), "captchaAnswer", "WRONG")));

        assertProblem(answer, 400, "CAPTCHA_INVALID");
    }
}
