package beian.verify.adapters.rest;

import beian.verify.adapters.rest.RateLimiter.Kind;
import beian.verify.core.domain.Province;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /}: the verification platform page (备案短信核验, 短信重发), and its own CSS and scripts (the
 * page's, and the worker that solves the captcha that needs no sight).
 * The page is rendered for its request: the authority of the province whose platform host it was
 * reached at (a neutral header on any other host), and the verify form's captcha already in it, so
 * the picture is there at first paint. On the blocking pool: counting that captcha against its limit is
 * a database statement, which must never wait on a Netty event loop.
 */
@Controller
@Hidden
@ExecuteOn(TaskExecutors.BLOCKING)
class PageController {
    /** The header's authority on a host that is no province's platform: every province is served. */
    static final String NEUTRAL_AUTHORITY = "各省、自治区、直辖市通信管理局";

    private final StaticFiles files = new StaticFiles(Map.of(
            "platform.css", "public/platform.css",
            "platform.js", "public/platform.js",
            "proof-of-work-worker.js", "public/proof-of-work-worker.js",
            "emblem.svg", "public/emblem.svg"));
    private final String template = read("public/index.html");
    private final PlatformHosts hosts;
    private final CaptchaIssuer captchas;
    private final RateLimiter limiter;
    private final ClientAddressResolver addresses;

    PageController(PlatformHosts hosts, CaptchaIssuer captchas, RateLimiter limiter, ClientAddressResolver addresses) {
        this.hosts = hosts;
        this.captchas = captchas;
        this.limiter = limiter;
        this.addresses = addresses;
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<?> page(HttpRequest<?> request) {
        Province province = hosts.platformOf(request);
        String authority = province == null ? NEUTRAL_AUTHORITY : province.name() + "通信管理局";
        // over the captcha limit the page comes without one, and its script asks (and shows the refusal)
        CaptchaIssuer.Issued captcha = limiter.acquire(Kind.CAPTCHA, addresses.resolve(request)) > 0
                ? null : captchas.issue();
        String html = template
                .replace("{{title}}", escape(province == null ? "ICP备案短信核验平台" : authority))
                .replace("{{authority}}", escape(authority))
                // the configured host, never the Host header the request came with
                .replace("{{host}}", escape(province == null ? "" : province.platformHost()))
                .replace("{{verifyCaptchaId}}", captcha == null ? "" : escape(captcha.captchaId()))
                .replace("{{verifyCaptchaSrc}}", captcha == null ? "" : " src=\"data:image/png;base64," + captcha.pngBase64() + "\"");
        // no-store: the page holds a single-use captcha
        return HttpResponse.ok(html.getBytes(StandardCharsets.UTF_8)).contentType("text/html; charset=utf-8")
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Get("/static/{name}")
    HttpResponse<?> file(String name) {
        return files.serve(name);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String read(String location) {
        try (InputStream in = PageController.class.getClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException("missing " + location);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
    }
}
