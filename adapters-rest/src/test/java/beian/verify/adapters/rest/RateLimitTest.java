package beian.verify.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.AuditEntry;
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
 * Per-address rate limits over the real server. The test client connects from 127.0.0.1, which is
 * configured as a trusted proxy here, so each X-Forwarded-For address is a client of its own.
 */
@MicronautTest
@Property(name = "beian.rest.rate-limits.captcha-per-minute", value = "3")
@Property(name = "beian.rest.rate-limits.verify-per-minute", value = "2")
@Property(name = "beian.rest.rate-limits.resend-per-minute", value = "1")
@Property(name = "beian.rest.trusted-proxies", value = "127.0.0.1,10.0.0.0/8")
class RateLimitTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    CoreFixture core;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(server, json);
    }

    private Http.Answer captchaFrom(String forwardedFor) {
        return http.post("/api/v1/captchas", "", "X-Forwarded-For", forwardedFor);
    }

    private String body() {
        return http.json(Map.of("phone", "13800000001", "idTail", "123456", "code", "123456",
                "captchaId", "none", "captchaAnswer", "none"));
    }

    @Test
    void aClientAddressGetsRateLimitedOnCaptchasWithRetryAfterWhileOthersGoOn() {
        for (int i = 0; i < 3; i++) {
            assertThat(captchaFrom("203.0.113.10").status()).isEqualTo(201);
        }

        Http.Answer limited = captchaFrom("203.0.113.10");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.get("code")).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        PlatformClient.assertRetryAfter(limited, Long.parseLong(limited.header("Retry-After")));
        assertThat((String) limited.get("detail")).startsWith("请求过于频繁，请于 ").contains(" 秒后再试");
        assertThat(captchaFrom("203.0.113.11").status()).isEqualTo(201);
    }

    /** The captcha that needs no sight is a captcha: it draws on the same budget, so two kinds give no more. */
    @Test
    void pictureAndProofOfWorkCaptchasShareOneLimitPerAddress() {
        assertThat(captchaFrom("203.0.113.30").status()).isEqualTo(201);
        assertThat(http.post("/api/v1/captchas/proof-of-work", "", "X-Forwarded-For", "203.0.113.30").status())
                .isEqualTo(201);
        assertThat(captchaFrom("203.0.113.30").status()).isEqualTo(201);

        Http.Answer limited = http.post("/api/v1/captchas/proof-of-work", "", "X-Forwarded-For", "203.0.113.30");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.get("code")).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(captchaFrom("203.0.113.30").status()).isEqualTo(429);
        assertThat(http.post("/api/v1/captchas/proof-of-work", "", "X-Forwarded-For", "203.0.113.31").status())
                .isEqualTo(201);
    }

    @Test
    void verifyAndResendAreLimitedPerAddressToo() {
        for (int i = 0; i < 2; i++) {
            assertThat(http.post("/api/v1/verifications", body(), "X-Forwarded-For", "203.0.113.20").status()).isEqualTo(400);
        }
        assertThat(http.post("/api/v1/verifications", body(), "X-Forwarded-For", "203.0.113.20").get("code"))
                .isEqualTo("RATE_LIMITED");

        assertThat(http.post("/api/v1/resends", body(), "X-Forwarded-For", "203.0.113.20").status()).isEqualTo(400);
        Http.Answer limited = http.post("/api/v1/resends", body(), "X-Forwarded-For", "203.0.113.20");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.get("code")).isEqualTo("RATE_LIMITED");
    }

    @Test
    void theClientIsTheRightMostForwardedAddressThatIsNotATrustedProxy() {
        // The client forged the left-most entry; 10.1.2.3 is our own proxy; 198.51.100.7 is the client.
        http.post("/api/v1/verifications", body(), "X-Forwarded-For", "192.0.2.66, 198.51.100.7, 10.1.2.3");

        AuditEntry entry = core.audit.entries().get(core.audit.entries().size() - 1);
        assertThat(entry.clientAddress()).isEqualTo("198.51.100.7");
    }

    @Test
    void garbageInTheForwardedHeaderFallsBackToTheConnectionsAddress() {
        http.post("/api/v1/verifications", body(), "X-Forwarded-For", "example.com");

        AuditEntry entry = core.audit.entries().get(core.audit.entries().size() - 1);
        assertThat(entry.clientAddress()).isEqualTo("127.0.0.1");
    }
}
