package beian.verify.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The page, its files and the OpenAPI description as served, the provinces the page lists, and the
 * security and caching headers on every answer.
 */
@MicronautTest
@Property(name = "beian.rest.rate-limits.enabled", value = "false")
class PageAndHeadersHttpTest {
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
        assertThat(http.get("/").header("Cache-Control")).as("the page holds a single-use captcha").isEqualTo("no-store");
    }

    @Test
    void eachPageComesWithItsOwnCaptchaPictureInline() {
        java.util.regex.Pattern captchaId = java.util.regex.Pattern.compile("id=\"verify-captchaId\" value=\"([^\"]+)\"");
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String page = http.get("/").body();
            assertThat(page).contains("id=\"verify-captcha-image\" src=\"data:image/png;base64,iVBOR");
            java.util.regex.Matcher m = captchaId.matcher(page);
            assertThat(m.find()).as("a captcha id in the page").isTrue();
            ids.add(m.group(1));
        }
        assertThat(ids.get(0)).isNotEqualTo(ids.get(1));
        assertThat(http.get("/").body()).doesNotContain("{{");
    }

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

    @Test
    void provincesListTheConfiguredProvincesWithTheirHostsAndStart() {
        Http.Answer answer = http.get("/api/v1/provinces");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.body()).contains("\"code\":\"TJ\"", "\"name\":\"天津市\"",
                "\"platformHost\":\"tjcainfo.miitbeian.gov.cn\"", "\"smsVerificationSince\":\"2017-12-18T01:00:00Z\"");
        assertThat(answer.body()).contains("\"code\":\"BJ\"");
    }

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
}
