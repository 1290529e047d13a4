package beian.verify.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #11, the carrier's callback: the whole service with the Tencent carrier; its delivery callback is
 * under the body and rate limits like every public path (before, only {@code /api/**} had a body limit and
 * the callback had no rate limit); and, outside dev, the shipped configuration serves no OpenAPI viewer.
 */
class CarrierCallbackLimitsTest {
    static final String TOKEN = "callback-token-of-this-test";
    static EmbeddedServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        Map<String, Object> p = new HashMap<>();
        p.put("beian.db.url", "jdbc:h2:mem:callback-limits-" + UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        p.put("beian.sms.carrier", "tencent");
        p.put("beian.sms.tencent.secret-id", "AKID-test");
        p.put("beian.sms.tencent.secret-key", "test-secret-key");
        p.put("beian.sms.tencent.sdk-app-id", "1400000000");
        p.put("beian.sms.tencent.sign-name", "ICP备案");
        p.put("beian.sms.tencent.template-id", "1234567");
        p.put("beian.sms.tencent.callback-token", TOKEN);
        p.put("beian.rest.max-callback-body-bytes", 1024);
        p.put("beian.rest.rate-limits.callback-per-minute", 3);
        p.put("beian.rest.trusted-proxies", "127.0.0.1"); // so each test is a client of its own
        server = ApplicationContext.run(EmbeddedServer.class, p);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private HttpResponse<String> post(String path, String body, String client) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                .header("Content-Type", "application/json").header("X-Forwarded-For", client)
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anOversizeDeliveryReportIsRefusedBeforeItIsRead() throws Exception {
        String report = "{\"sid\":\"x\",\"report_status\":\"FAIL\",\"errmsg\":\"" + "x".repeat(2048) + "\"}";

        HttpResponse<String> answer = post("/callbacks/tencent/sms-status?token=" + TOKEN, "[" + report + "]", "203.0.113.60");

        assertThat(answer.statusCode()).isEqualTo(413);
    }

    @Test
    void aFloodOfDeliveryReportsFromOneAddressIsRateLimited() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(post("/callbacks/tencent/sms-status?token=wrong", "[]", "203.0.113.61").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> limited = post("/callbacks/tencent/sms-status?token=" + TOKEN, "[]", "203.0.113.61");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(post("/callbacks/tencent/sms-status?token=" + TOKEN, "[]", "203.0.113.62").statusCode())
                .as("another address").isIn(200, 400);
    }

    @Test
    void outsideDevTheShippedConfigurationServesNoOpenApiViewer() throws Exception {
        HttpResponse<String> viewer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort()
                + "/openapi/viewer/")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(viewer.statusCode()).isEqualTo(404);
    }
}
