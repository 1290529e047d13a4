package beian.verify.adapters.rest;

import static beian.verify.adapters.rest.PlatformClient.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.rest.PlatformClient.Person;
import beian.verify.core.port.in.IssueCaptchaUseCase.IssuedCaptcha;
import beian.verify.core.testing.CoreFixture;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
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
