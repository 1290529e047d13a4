package beian.verify.adapters.rest;

import static beian.verify.adapters.rest.PlatformClient.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.rest.PlatformClient.Person;
import beian.verify.core.testing.CoreFixture;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/captchas over HTTP: the answer's shape, that its id is the one the verification
 * takes, and the problem a refused captcha gives. Single use and expiry are rules, tested in core
 * (VerificationRulesTest).
 */
@MicronautTest
@Property(name = "beian.rest.rate-limits.enabled", value = "false")
class CaptchaApiHttpTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    CoreFixture core;
    @Inject
    CoreOnFakes.IssuedCaptchas issued;

    PlatformClient platform;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(server, json);
        platform = new PlatformClient(http, core);
    }

    @Test
    void aCaptchaIsAPngPictureWithAnIdThatExpiresInFiveMinutes() throws Exception {
        Http.Answer answer = http.post("/api/v1/captchas", "");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.contentType()).startsWith("application/json");
        String id = (String) answer.get("captchaId");
        assertThat(id).isNotBlank();
        byte[] png = Base64.getDecoder().decode((String) answer.get("imagePng"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(CaptchaRenderer.WIDTH);
        assertThat(image.getHeight()).isEqualTo(CaptchaRenderer.HEIGHT);
        assertThat(Instant.parse((String) answer.get("expiresAt"))).isEqualTo(core.clock.now().plus(Duration.ofMinutes(5)));
        assertThat(answer.body()).doesNotContain(issued.answerOf(id));
    }

    @Test
    void aCaptchaFromTheEndpointAnsweredRightLetsTheRequestThrough() {
        Person a = platform.person();
        platform.submit(a, platform.person());
        Http.Answer captcha = http.post("/api/v1/captchas", "");
        String id = (String) captcha.get("captchaId");

        Http.Answer answer = http.post("/api/v1/verifications", http.json(Map.of("phone", a.phone(), "idTail", a.tail(),
                "code", platform.codeOf(a), "captchaId", id, "captchaAnswer", issued.answerOf(id).toLowerCase())));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void aRefusedCaptchaIs400CaptchaInvalidWithThePagesWording() {
        Person a = platform.person();
        platform.submit(a, platform.person());
        Map<String, Object> body = platform.verifyBody(a.phone(), a.tail(), platform.codeOf(a));
        body.put("captchaAnswer", "QQQQQ");

        Http.Answer answer = http.post("/api/v1/verifications", http.json(body));

        assertProblem(answer, 400, "CAPTCHA_INVALID");
        assertThat(answer.get("detail")).isEqualTo("图形验证码错误或已过期，请重新输入");
    }

    @Test
    void devCaptchaAnswersAreAbsentOutsideTheDevEnvironment() {
        String id = (String) http.post("/api/v1/captchas", "").get("captchaId");

        assertThat(http.get("/dev/captchas/" + id).status()).isEqualTo(404);
        assertThat(http.get("/dev/captchas/" + id).body()).doesNotContain(issued.answerOf(id));
    }
}
