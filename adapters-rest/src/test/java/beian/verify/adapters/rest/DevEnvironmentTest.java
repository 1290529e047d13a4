package beian.verify.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.People;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dev environment: GET /dev/captchas/{id} gives the answer, and per-address rate limits are off. */
@MicronautTest(environments = "dev")
class DevEnvironmentTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    CoreFixture core;

    @Test
    void aScriptReadsTheCaptchasAnswerAndPassesIt() {
        Http http = new Http(server, json);
        String phone = "13600000001";
        String id = People.residentId(601);
        core.submitNewWebsite("dev-1", "dev-one.cn", People.person("赵六", phone, id));
        String captchaId = (String) http.post("/api/v1/captchas", "").get("captchaId");

        Http.Answer answer = http.get("/dev/captchas/" + captchaId);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        String text = (String) answer.get("answer");
        Http.Answer verified = http.post("/api/v1/verifications", http.json(Map.of("phone", phone,
                "idTail", People.tail(id), "code", core.carrier.lastCodeTo(phone), "captchaId", captchaId,
                "captchaAnswer", text)));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(http.get("/dev/captchas/unknown").status()).isEqualTo(404);
    }

    @Test
    void perAddressRateLimitsAreOff() {
        Http http = new Http(server, json);
        for (int i = 0; i < 100; i++) {
            assertThat(http.post("/api/v1/captchas", "").status()).isEqualTo(201);
        }
    }
}
