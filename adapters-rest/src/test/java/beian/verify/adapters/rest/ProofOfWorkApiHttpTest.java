package beian.verify.adapters.rest;

import static beian.verify.adapters.rest.PlatformClient.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.rest.PlatformClient.Person;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.ProofOfWorkSolver;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/captchas/proof-of-work over HTTP: the challenge's shape, that a client solving it from what
 * the answer publishes passes both forms with {captchaId, captchaAnswer} as with a picture, and the problem
 * a wrong number gets. Single use, expiry and the limits are rules, tested in core (ProofOfWorkRulesTest);
 * the shared rate limit in RateLimitTest.
 */
@MicronautTest
@Property(name = "beian.rest.rate-limits.enabled", value = "false")
class ProofOfWorkApiHttpTest {
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

    private Map<String, Object> challenge() {
        Http.Answer answer = http.post("/api/v1/captchas/proof-of-work", "");
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.object();
    }

    private static String solve(Map<String, Object> challenge) {
        int n = ProofOfWorkSolver.solve((String) challenge.get("salt"), (String) challenge.get("challenge"),
                ((Number) challenge.get("maxNumber")).intValue());
        assertThat(n).as("a number from 0 to maxNumber solves " + challenge).isNotNegative();
        return Integer.toString(n);
    }

    @Test
    void aChallengeNamesItsAlgorithmSaltHashAndRangeAndExpiresInFiveMinutes() {
        Http.Answer answer = http.post("/api/v1/captchas/proof-of-work", "");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        Map<String, Object> c = answer.object();
        assertThat(c).containsOnlyKeys("captchaId", "algorithm", "salt", "challenge", "maxNumber", "expiresAt");
        assertThat(c.get("algorithm")).isEqualTo("SHA-256");
        assertThat((String) c.get("captchaId")).hasSizeLessThanOrEqualTo(64);
        assertThat((String) c.get("challenge")).matches("[0-9a-f]{64}");
        assertThat(c.get("maxNumber")).isEqualTo(core.settings.proofOfWorkMaxNumber());
        assertThat(Instant.parse((String) c.get("expiresAt"))).isEqualTo(core.clock.now().plus(Duration.ofMinutes(5)));
        assertThat(answer.body()).as("the number is not given away").doesNotContain("\"number\"");
    }

    @Test
    void aSolvedChallengeLetsTheVerificationThroughAsAPictureWould() {
        Person a = platform.person();
        platform.submit(a, platform.person());
        Map<String, Object> c = challenge();

        Http.Answer answer = http.post("/api/v1/verifications", http.json(Map.of("phone", a.phone(), "idTail", a.tail(),
                "code", platform.codeOf(a), "captchaId", c.get("captchaId"), "captchaAnswer", solve(c))));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.get("message")).isEqualTo("您的短信核验完成，请等待其他核验人进行短信核验");
    }

    @Test
    void aSolvedChallengeLetsTheResendThrough() {
        Person a = platform.person();
        platform.submit(a, platform.person());
        core.clock.advance(Duration.ofMinutes(2)); // past any SMS ceiling of the first SMS
        Map<String, Object> c = challenge();

        Http.Answer answer = http.post("/api/v1/resends", http.json(Map.of("phone", a.phone(), "idTail", a.tail(),
                "captchaId", c.get("captchaId"), "captchaAnswer", solve(c))));

        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    }

    @Test
    void aWrongNumberIs400CaptchaInvalidInTheAlternativesOwnWordsAndTheChallengeIsUsedUp() {
        Person a = platform.person();
        platform.submit(a, platform.person());
        Map<String, Object> c = challenge();
        String right = solve(c);
        String wrong = right.equals("0") ? "1" : "0";
        Map<String, Object> body = Map.of("phone", a.phone(), "idTail", a.tail(), "code", platform.codeOf(a),
                "captchaId", c.get("captchaId"), "captchaAnswer", wrong);

        Http.Answer answer = http.post("/api/v1/verifications", http.json(body));

        assertProblem(answer, 400, "CAPTCHA_INVALID");
        assertThat(answer.get("field")).isEqualTo("captchaAnswer");
        assertThat(answer.get("detail")).isEqualTo("无障碍验证未通过或已过期，请等待浏览器重新完成验证后再提交");
        Map<String, Object> again = new java.util.HashMap<>(body);
        again.put("captchaAnswer", right);
        assertProblem(http.post("/api/v1/verifications", http.json(again)), 400, "CAPTCHA_INVALID");
    }

    @Test
    void thePagesWorkerIsServedAsScriptAndThePolicyLetsWorkersComeFromThisServerOnly() {
        Http.Answer worker = http.get("/static/proof-of-work-worker.js");

        assertThat(worker.status()).isEqualTo(200);
        assertThat(worker.contentType()).startsWith("text/javascript");
        assertThat(worker.body()).contains("self.onmessage");
        String policy = http.get("/").header("Content-Security-Policy");
        assertThat(policy).contains("worker-src 'self';", "script-src 'self';").doesNotContain("blob:", "unsafe");
        assertThat(worker.header("Content-Security-Policy")).isEqualTo(policy);
    }
}
