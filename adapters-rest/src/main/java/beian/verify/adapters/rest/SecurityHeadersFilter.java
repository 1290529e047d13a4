package beian.verify.adapters.rest;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Security headers on every answer of the HTTP server: the page loads nothing from elsewhere and
 * runs no inline script (its one worker, the proof-of-work solver, comes from this server too), no
 * site may frame it, and API answers (captchas, verification results) are never cached. Over TLS (this server's, or a proxy's in front when {@code beian.rest.tls-in-front}
 * says so) browsers are told to use HTTPS only for a year (HSTS); never over plain HTTP, where it would
 * mean nothing and could lock a dev machine's name out of plain HTTP.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SecurityHeadersFilter {
    static final String HSTS = "max-age=31536000";

    private final boolean tlsInFront;

    SecurityHeadersFilter(@Value("${beian.rest.tls-in-front:false}") boolean tlsInFront) {
        this.tlsInFront = tlsInFront;
    }

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; worker-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @ResponseFilter
    void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "no-referrer");
        if (tlsInFront || request.isSecure()) {
            response.header("Strict-Transport-Security", HSTS);
        }
        if (request.getPath().startsWith("/api/") || request.getPath().startsWith("/dev/")) {
            response.header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}
