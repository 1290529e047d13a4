package beian.verify.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.testing.CoreFixture;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Without trusted proxies, X-Forwarded-For is the client's own word: it neither escapes the limit nor reaches the audit. */
@MicronautTest
@Property(name = "beian.rest.rate-limits.captcha-per-minute", value = "2")
class UntrustedForwardedForTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    CoreFixture core;

    @Test
    void aForgedForwardedHeaderDoesNotMakeANewClient() {
        Http http = new Http(server, json);
        assertThat(http.post("/api/v1/captchas", "", "X-Forwarded-For", "203.0.113.1").status()).isEqualTo(201);
        assertThat(http.post("/api/v1/captchas", "", "X-Forwarded-For", "203.0.113.2").status()).isEqualTo(201);

        Http.Answer third = http.post("/api/v1/captchas", "", "X-Forwarded-For", "203.0.113.3");

        assertThat(third.status()).isEqualTo(429);
        assertThat(third.get("code")).isEqualTo("RATE_LIMITED");

        http.post("/api/v1/verifications", "{\"phone\":\"13800000001\"}", "X-Forwarded-For", "203.0.113.4");
        assertThat(core.audit.entries().get(core.audit.entries().size() - 1).clientAddress()).isEqualTo("127.0.0.1");
    }
}
