package beian.verify.adapters.rest;

import static beian.verify.adapters.rest.PlatformClient.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a client sends never makes a 500: malformed and oversized bodies, bodies of unknown length,
 * wrong content types and the framework's own errors under /api are all problem+json answers.
 */
@MicronautTest
@Property(name = "beian.rest.rate-limits.enabled", value = "false")
class ProblemDetailsTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(server, json);
    }

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
}
