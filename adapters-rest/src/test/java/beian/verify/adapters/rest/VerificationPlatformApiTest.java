package beian.verify.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.AuditEntry;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.IssueCaptchaUseCase.IssuedCaptcha;
import beian.verify.core.port.in.ResendSmsUseCase.ResendSmsResult;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeResult;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.People;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every endpoint and error code of API.md's REST part, over a real HTTP server on a random port. */
@MicronautTest
@Property(name = "beian.rest.rate-limits.enabled", value = "false")
class VerificationPlatformApiTest {
    private static final AtomicInteger PEOPLE = new AtomicInteger(100);

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    CoreFixture core;
    @Inject
    CoreOnFakes.IssuedCaptchas issued;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(server, json);
    }

    /** Two people to verify one new filing; codes read from the recording carrier. */
    record Person(String phone, String idNumber) {
        String tail() {
            return People.tail(idNumber);
        }
    }

    private Person person() {
        int n = PEOPLE.incrementAndGet();
        return new Person("1380000" + String.format("%04d", n), People.residentId(n));
    }

    private ApplicationView submit(Person subject, Person website) {
        return core.submitNewFiling("r" + PEOPLE.incrementAndGet(), People.person("张三", subject.phone(), subject.idNumber()),
                People.person("李四", website.phone(), website.idNumber()));
    }

    private String codeOf(Person person) {
        return core.carrier.lastCodeTo(person.phone());
    }

    private Map<String, Object> verifyBody(String phone, String tail, String code) {
        IssuedCaptcha captcha = core.captcha();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phone", phone);
        body.put("idTail", tail);
        body.put("code", code);
        body.put("captchaId", captcha.captchaId());
        body.put("captchaAnswer", captcha.answer());
        return body;
    }

    private Http.Answer verify(String phone, String tail, String code) {
        return http.post("/api/v1/verifications", http.json(verifyBody(phone, tail, code)));
    }

    private Http.Answer resend(String phone, String tail) {
        IssuedCaptcha captcha = core.captcha();
        return http.post("/api/v1/resends", http.json(Map.of("phone", phone, "idTail", tail,
                "captchaId", captcha.captchaId(), "captchaAnswer", captcha.answer())));
    }

    private static void assertProblem(Http.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.get("code")).isEqualTo(code);
        assertThat(answer.get("status")).isEqualTo(status);
        assertThat((String) answer.get("detail")).isNotBlank();
    }

    // ---- GET /api/v1/provinces ----

    @Test
    void provincesListTheConfiguredProvincesWithTheirHostsAndStart() {
        Http.Answer answer = http.get("/api/v1/provinces");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.body()).contains("\"code\":\"TJ\"", "\"name\":\"天津市\"",
                "\"platformHost\":\"tjcainfo.miitbeian.gov.cn\"", "\"smsVerificationSince\":\"2017-12-18T01:00:00Z\"");
        assertThat(answer.body()).contains("\"code\":\"BJ\"");
    }

    // ---- POST /api/v1/captchas ----

    @Test
    void aCaptchaIsAPngPictureWithAnIdThatExpiresInFiveMinutes() throws Exception {
        Http.Answer answer = http.post("/api/v1/captchas", "");

        assertThat(answer.status()).isEqualTo(201);
        String id = (String) answer.get("captchaId");
        assertThat(id).isNotBlank();
        byte[] png = Base64.getDecoder().decode((String) answer.get("imagePng"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(CaptchaRenderer.WIDTH);
        assertThat(image.getHeight()).isEqualTo(CaptchaRenderer.HEIGHT);
        assertThat(java.time.Instant.parse((String) answer.get("expiresAt")))
                .isEqualTo(core.clock.now().plus(Duration.ofMinutes(5)));
        assertThat(answer.body()).doesNotContain(issued.answerOf(id));
    }

    @Test
    void aCaptchaFromTheEndpointAnsweredRightLetsTheRequestThrough() {
        Person a = person();
        Person b = person();
        submit(a, b);
        Http.Answer captcha = http.post("/api/v1/captchas", "");
        String id = (String) captcha.get("captchaId");

        Http.Answer answer = http.post("/api/v1/verifications", http.json(Map.of("phone", a.phone(), "idTail", a.tail(),
                "code", codeOf(a), "captchaId", id, "captchaAnswer", issued.answerOf(id).toLowerCase())));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void aCaptchaIsSingleUseEvenWhenTheFirstAnswerWasRight() {
        Person a = person();
        submit(a, person());
        Map<String, Object> body = verifyBody(a.phone(), a.tail(), codeOf(a));

        assertThat(http.post("/api/v1/verifications", http.json(body)).status()).isEqualTo(200);
        Http.Answer again = http.post("/api/v1/verifications", http.json(body));

        assertProblem(again, 400, "CAPTCHA_INVALID");
        assertThat(again.get("detail")).isEqualTo(VerifyCodeResult.CAPTCHA_INVALID);
    }

    @Test
    void aWrongCaptchaAnswerConsumesTheCaptcha() {
        Person a = person();
        submit(a, person());
        Map<String, Object> body = verifyBody(a.phone(), a.tail(), codeOf(a));
        String right = (String) body.get("captchaAnswer");

        body.put("captchaAnswer", "QQQQQ");
        assertProblem(http.post("/api/v1/verifications", http.json(body)), 400, "CAPTCHA_INVALID");
        body.put("captchaAnswer", right);
        assertProblem(http.post("/api/v1/verifications", http.json(body)), 400, "CAPTCHA_INVALID");
    }

    @Test
    void aCaptchaExpiresAfterFiveMinutes() {
        Person a = person();
        submit(a, person());
        Map<String, Object> body = verifyBody(a.phone(), a.tail(), codeOf(a));

        core.clock.advance(Duration.ofMinutes(5));

        assertProblem(http.post("/api/v1/verifications", http.json(body)), 400, "CAPTCHA_INVALID");
    }

    // ---- POST /api/v1/verifications ----

    @Test
    void theRightEntryVerifiesAndSaysOthersArePendingThenTheLastSaysAllDone() {
        Person a = person();
        Person b = person();
        ApplicationView application = submit(a, b);

        Http.Answer first = verify(a.phone(), a.tail(), codeOf(a));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("application/json");
        assertThat(first.object()).containsEntry("result", "VERIFIED").containsEntry("pendingTargets", 1)
                .containsEntry("applicationStatus", "PENDING_VERIFICATION")
                .containsEntry("message", VerifyCodeResult.Verified.OTHERS_PENDING);

        Http.Answer last = verify(b.phone(), b.tail().toLowerCase(), codeOf(b));
        assertThat(last.object()).containsEntry("result", "VERIFIED").containsEntry("pendingTargets", 0)
                .containsEntry("applicationStatus", "READY_FOR_REVIEW")
                .containsEntry("message", VerifyCodeResult.Verified.ALL_DONE);
        assertThat(core.view(application.applicationId()).status().name()).isEqualTo("READY_FOR_REVIEW");
    }

    @Test
    void aMissIsRecordNotFoundWithThePagesWording() {
        Person a = person();
        submit(a, person());
        String wrongCode = codeOf(a).equals("000000") ? "000001" : "000000";

        Http.Answer answer = verify(a.phone(), a.tail(), wrongCode);

        assertProblem(answer, 404, "RECORD_NOT_FOUND");
        assertThat(answer.get("detail")).isEqualTo(VerifyCodeResult.NOT_FOUND);
        assertThat(answer.body()).doesNotContain(a.phone(), wrongCode);
    }

    @Test
    void theFifthWrongIdTailReturnsTheApplicationAsVerificationFailed() {
        Person a = person();
        ApplicationView application = submit(a, person());
        String wrongTail = a.tail().equals("000000") ? "000001" : "000000";

        for (int i = 1; i <= 4; i++) {
            assertProblem(verify(a.phone(), wrongTail, codeOf(a)), 404, "RECORD_NOT_FOUND");
        }
        Http.Answer fifth = verify(a.phone(), wrongTail, codeOf(a));

        assertProblem(fifth, 409, "VERIFICATION_FAILED");
        assertThat(fifth.get("detail")).isEqualTo(VerifyCodeResult.FAILED);
        assertThat(core.view(application.applicationId()).status().name()).isEqualTo("RETURNED");
    }

    @Test
    void tenWrongCodesLockThePhoneOutWithTooManyAttempts() {
        Person a = person();
        submit(a, person());
        String right = codeOf(a);
        for (int i = 0; i < 10; i++) {
            String wrong = String.format("%06d", (Integer.parseInt(right) + 1 + i) % 1_000_000);
            assertProblem(verify(a.phone(), a.tail(), wrong), 404, "RECORD_NOT_FOUND");
        }

        Http.Answer locked = verify(a.phone(), a.tail(), right);

        assertProblem(locked, 429, "TOO_MANY_ATTEMPTS");
        assertThat(locked.get("detail")).isEqualTo(VerifyCodeResult.TOO_MANY_ATTEMPTS);
    }

    @Test
    void malformedFieldsAreInvalidArgumentNamingTheField() {
        Person a = person();
        submit(a, person());

        Http.Answer phone = verify("2380000", a.tail(), codeOf(a));
        assertProblem(phone, 400, "INVALID_ARGUMENT");
        assertThat(phone.get("field")).isEqualTo("phone");
        assertThat((String) phone.get("detail")).startsWith("手机号码");

        Http.Answer tail = verify(a.phone(), "12-45!", codeOf(a));
        assertProblem(tail, 400, "INVALID_ARGUMENT");
        assertThat(tail.get("field")).isEqualTo("idTail");

        Http.Answer code = verify(a.phone(), a.tail(), "12ab56");
        assertProblem(code, 400, "INVALID_ARGUMENT");
        assertThat(code.get("field")).isEqualTo("code");

        Map<String, Object> longPhone = verifyBody("1".repeat(100), a.tail(), codeOf(a));
        Http.Answer tooLong = http.post("/api/v1/verifications", http.json(longPhone));
        assertProblem(tooLong, 400, "INVALID_ARGUMENT");
        assertThat(tooLong.get("field")).isEqualTo("phone");
    }

    @Test
    void everyAttemptIsAuditedWithTheClientAddressAndNoCodeOrDigits() {
        Person a = person();
        submit(a, person());
        String code = codeOf(a);

        verify(a.phone(), a.tail(), code);

        AuditEntry entry = core.audit.entries().get(core.audit.entries().size() - 1);
        assertThat(entry.clientAddress()).isEqualTo("127.0.0.1");
        assertThat(entry.toString()).doesNotContain(code, a.tail(), a.phone());
    }

    // ---- POST /api/v1/resends ----

    @Test
    void aResendForAPendingTargetIsAcceptedWithThePagesWording() {
        Person a = person();
        submit(a, person());
        int before = core.carrier.callsTo(a.phone()).size();

        Http.Answer answer = resend(a.phone(), a.tail());
        core.dispatch();

        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(answer.object()).containsEntry("message", "您的短信已发送成功");
        assertThat(core.carrier.callsTo(a.phone())).hasSize(before + 1);
    }

    @Test
    void aResendWithNothingPendingIsRecordNotFound() {
        Person nobody = person();

        Http.Answer answer = resend(nobody.phone(), nobody.tail());

        assertProblem(answer, 404, "RECORD_NOT_FOUND");
        assertThat(answer.get("detail")).isEqualTo(ResendSmsResult.NOTHING_PENDING);
    }

    @Test
    void aSecondResendWithinAMinuteIsTooFrequent() {
        Person a = person();
        submit(a, person());
        assertThat(resend(a.phone(), a.tail()).status()).isEqualTo(202);

        Http.Answer again = resend(a.phone(), a.tail());

        assertProblem(again, 429, "RESEND_TOO_FREQUENT");
    }

    @Test
    void aResendWithAWrongCaptchaIsCaptchaInvalid() {
        Person a = person();
        submit(a, person());
        IssuedCaptcha captcha = core.captcha();

        Http.Answer answer = http.post("/api/v1/resends", http.json(Map.of("phone", a.phone(), "idTail", a.tail(),
                "captchaId", captcha.captchaId(), "captchaAnswer", "WRONG")));

        assertProblem(answer, 400, "CAPTCHA_INVALID");
    }

    // ---- what a client sends never makes a 500 ----

    @ParameterizedTest
    @ValueSource(strings = {
            "{", "not json", "[]", "[1,2]", "\"text\"", "42", "null", "{\"phone\": {}}", "{\"phone\": [1]}",
            "{\"phone\": 13800000001, \"idTail\": true}", "{\"captchaId\": {\"$gt\": \"\"}}", "{\"phone\": \"\\u0000\"}",
            "{\"phone\": \"13800000001\"}", "{}", "{\"unknown\": 1}", "{\"phone\": \"13800000001\",}",
            "\uFEFF{}", "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"})
    void malformedBodiesAreClientErrorsWithAProblem(String body) {
        for (String path : List.of("/api/v1/verifications", "/api/v1/resends")) {
            Http.Answer answer = http.post(path, body);

            assertThat(answer.status()).as(path + " " + body + " → " + answer.body()).isBetween(400, 499);
            assertThat(answer.contentType()).as(body).startsWith("application/problem+json");
            assertThat(answer.get("code")).isIn("INVALID_ARGUMENT", "CAPTCHA_INVALID");
        }
    }

    @Test
    void anEmptyBodyIsInvalidArgument() {
        Http.Answer answer = http.post("/api/v1/verifications", "");

        assertProblem(answer, 400, "INVALID_ARGUMENT");
    }

    @Test
    void aBodyOver16KilobytesIs413() {
        String big = "{\"phone\":\"" + "1".repeat(17 * 1024) + "\"}";

        Http.Answer answer = http.post("/api/v1/verifications", big);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aBodyOfExactly16KilobytesIsRead() {
        String body = "{\"phone\":\"13800000001\"}";
        String padded = body + " ".repeat(16 * 1024 - body.length());

        Http.Answer answer = http.post("/api/v1/verifications", padded);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.get("code")).isEqualTo("CAPTCHA_INVALID");
    }

    @Test
    void theFrameworksOwnErrorsUnderTheApiAreProblemsToo() {
        Http.Answer noRoute = http.get("/api/v1/nothing-here");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.contentType()).startsWith("application/problem+json");
        assertThat(noRoute.get("code")).isEqualTo("NOT_FOUND");

        Http.Answer method = http.get("/api/v1/verifications");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.contentType()).startsWith("application/problem+json");

        Http.Answer type = http.post("/api/v1/verifications", "phone=1", "Content-Type", "text/plain");
        assertThat(type.status()).isEqualTo(415);
        assertThat(type.contentType()).startsWith("application/problem+json");
        assertThat(type.get("code")).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void aBodyOfUnknownLengthIsRefusedWithoutBeingRead() {
        Http.Answer answer = http.postChunked("/api/v1/verifications", "{}".getBytes());

        assertThat(answer.status()).isEqualTo(411);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aFormEncodedBodyIsAClientError() {
        Http.Answer answer = http.post("/api/v1/verifications", "phone=1", "Content-Type", "application/x-www-form-urlencoded");

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    // ---- security headers, caching ----

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndApiAnswersAreNotCached() {
        for (Http.Answer answer : List.of(http.get("/"), http.get("/api/v1/provinces"), http.get("/no/such/page"),
                http.post("/api/v1/verifications", "{"))) {
            assertThat(answer.header("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'",
                    "script-src 'self'").doesNotContain("unsafe-inline");
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
        }
        assertThat(http.get("/api/v1/provinces").header("Cache-Control")).isEqualTo("no-store");
        assertThat(http.post("/api/v1/captchas", "").header("Cache-Control")).isEqualTo("no-store");
    }

    // ---- the page and its files ----

    @Test
    void thePageIsServedInChineseWithItsOwnScriptAndNoInlineScript() {
        Http.Answer page = http.get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("备案短信核验", "短信重发", "role=\"tablist\"", "inputmode=\"numeric\"",
                "role=\"status\"", "src=\"/static/platform.js\"");
        assertThat(page.body()).doesNotContainPattern("<script>|<script [^>]*>[^<]+</script>|https?://");
        assertThat(http.get("/static/platform.js").contentType()).startsWith("text/javascript");
        assertThat(http.get("/static/platform.css").contentType()).startsWith("text/css");
        assertThat(http.get("/static/../application.yml").status()).isEqualTo(404);
        assertThat(http.get("/static/index.html.bak").status()).isEqualTo(404);
    }

    // ---- OpenAPI ----

    @Test
    void theOpenApiDescriptionAndItsViewerAreServedByTheServiceItself() {
        Http.Answer spec = http.get("/openapi/beian-verify-rest.yml");
        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.body()).contains("openapi: 3", "/api/v1/verifications:", "/api/v1/resends:",
                "/api/v1/captchas:", "/api/v1/provinces:", "application/problem+json");
        assertThat(spec.body()).doesNotContain("/dev/captchas", "/openapi");

        Http.Answer viewer = http.get("/openapi/viewer/");
        assertThat(viewer.status()).isEqualTo(200);
        assertThat(viewer.body()).contains("swagger-ui-bundle.js", "viewer.js").doesNotContain("http");
        assertThat(http.get("/openapi/viewer/swagger-ui-bundle.js").status()).isEqualTo(200);
        assertThat(http.get("/openapi/viewer/swagger-ui.css").status()).isEqualTo(200);
        assertThat(http.get("/openapi/viewer/viewer.js").body()).contains("/openapi/beian-verify-rest.yml");
        assertThat(http.get("/openapi").status()).isEqualTo(303);
    }

    // ---- the dev environment's endpoints are absent elsewhere ----

    @Test
    void devCaptchaAnswersAreAbsentOutsideTheDevEnvironment() {
        String id = (String) http.post("/api/v1/captchas", "").get("captchaId");

        assertThat(http.get("/dev/captchas/" + id).status()).isEqualTo(404);
        assertThat(http.get("/dev/captchas/" + id).body()).doesNotContain(issued.answerOf(id));
    }
}
