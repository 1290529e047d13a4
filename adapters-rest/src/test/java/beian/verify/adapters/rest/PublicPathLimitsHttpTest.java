package beian.verify.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #11: the body limit and a per-address rate limit hold on every public path, not only on
 * {@code /api/**} (before: a 20 KB body to the page or a callback went through, and the page, its files
 * and the provinces could be fetched without limit). The carriers' own paths are in app's
 * {@code CarrierCallbackLimitsTest}.
 */
@MicronautTest
@Property(name = "beian.rest.rate-limits.page-per-minute", value = "3")
@Property(name = "beian.rest.rate-limits.callback-per-minute", value = "2")
@Property(name = "beian.rest.max-callback-body-bytes", value = "32768")
@Property(name = "beian.rest.trusted-proxies", value = "127.0.0.1")
class PublicPathLimitsHttpTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(server, json);
    }

    @Test
    void thePageItsFilesAndTheProvincesShareALimitPerAddressWithRetryAfter() {
        assertThat(http.get("/", "X-Forwarded-For", "203.0.113.30").status()).isEqualTo(200);
        assertThat(http.get("/static/platform.js", "X-Forwarded-For", "203.0.113.30").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/provinces", "X-Forwarded-For", "203.0.113.30").status()).isEqualTo(200);

        Http.Answer limited = http.get("/", "X-Forwarded-For", "203.0.113.30");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.get("code")).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(http.get("/", "X-Forwarded-For", "203.0.113.31").status()).isEqualTo(200);
    }

    @Test
    void callbacksHaveALimitOfTheirOwnPerAddress() {
        for (int i = 0; i < 2; i++) {
            assertThat(http.post("/callbacks/any/sms-status", "[]", "X-Forwarded-For", "203.0.113.40").status()).isEqualTo(404);
        }
        assertThat(http.post("/callbacks/any/sms-status", "[]", "X-Forwarded-For", "203.0.113.40").status()).isEqualTo(429);
        assertThat(http.get("/", "X-Forwarded-For", "203.0.113.40").status()).as("another kind").isEqualTo(200);
    }

    @Test
    void aBodyOverTheLimitIsRefusedOnThePageAndOnCallbacksOverTheirs() {
        String twentyKb = "[\"" + "x".repeat(20 * 1024) + "\"]";
        String fortyKb = "[\"" + "x".repeat(40 * 1024) + "\"]";

        assertThat(http.post("/", twentyKb, "X-Forwarded-For", "203.0.113.50").status()).isEqualTo(413);
        assertThat(http.post("/no/such/page", twentyKb, "X-Forwarded-For", "203.0.113.51").status()).isEqualTo(413);
        assertThat(http.post("/callbacks/any/sms-status", twentyKb, "X-Forwarded-For", "203.0.113.52").status())
                .as("within the callbacks' own limit").isEqualTo(404);
        assertThat(http.post("/callbacks/any/sms-status", fortyKb, "X-Forwarded-For", "203.0.113.53").status()).isEqualTo(413);
    }
}
