package beian.verify.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #11: HSTS only where TLS is (this server's, or a proxy's in front when configured), and the
 * OpenAPI viewer can be switched off.
 */
class TransportHeadersAndViewerSwitchTest {

    private static EmbeddedServer start(Map<String, Object> properties) {
        Map<String, Object> p = new java.util.HashMap<>(properties);
        p.put("beian.rest.rate-limits.enabled", false);
        return ApplicationContext.run(EmbeddedServer.class, p);
    }

    @Test
    void plainHttpCarriesNoHstsButAnAnswerBehindATlsProxyDoes() {
        try (EmbeddedServer plain = start(Map.of());
             EmbeddedServer behindTls = start(Map.of("beian.rest.tls-in-front", true))) {
            JsonMapper json = plain.getApplicationContext().getBean(JsonMapper.class);
            for (String path : List.of("/", "/api/v1/provinces", "/no/such/page")) {
                assertThat(new Http(plain, json).get(path).header("Strict-Transport-Security")).as(path).isNull();
                assertThat(new Http(behindTls, json).get(path).header("Strict-Transport-Security")).as(path)
                        .isEqualTo("max-age=31536000");
            }
        }
    }

    @Test
    void aRequestThatCameOverThisServersTlsGetsHsts() {
        HttpRequest<?> overTls = mock(HttpRequest.class);
        when(overTls.isSecure()).thenReturn(true);
        when(overTls.getPath()).thenReturn("/");
        HttpRequest<?> plain = mock(HttpRequest.class);
        when(plain.getPath()).thenReturn("/");
        MutableHttpResponse<?> secureAnswer = HttpResponse.ok();
        MutableHttpResponse<?> plainAnswer = HttpResponse.ok();

        new SecurityHeadersFilter(false).addHeaders(overTls, secureAnswer);
        new SecurityHeadersFilter(false).addHeaders(plain, plainAnswer);

        assertThat(secureAnswer.getHeaders().get("Strict-Transport-Security")).isEqualTo("max-age=31536000");
        assertThat(plainAnswer.getHeaders().get("Strict-Transport-Security")).isNull();
    }

    @Test
    void theOpenApiViewerAndDescriptionCanBeSwitchedOff() {
        try (EmbeddedServer off = start(Map.of("beian.rest.openapi.enabled", false));
             EmbeddedServer on = start(Map.of())) {
            JsonMapper json = off.getApplicationContext().getBean(JsonMapper.class);
            for (String path : List.of("/openapi/viewer/", "/openapi/beian-verify-rest.yml", "/openapi/viewer/swagger-ui-bundle.js")) {
                assertThat(new Http(off, json).get(path).status()).as(path).isEqualTo(404);
                assertThat(new Http(on, json).get(path).status()).as(path).isEqualTo(200);
            }
            assertThat(new Http(off, json).get("/").status()).isEqualTo(200);
        }
    }
}
