package beian.verify.adapters.rest;

import beian.verify.adapters.rest.RateLimiter.Kind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Set;

/**
 * The per-address limits on every public path the API's own limits do not cover: the carriers' delivery
 * callbacks ({@code callback-per-minute}) and everything else (the page, its files, the OpenAPI
 * description, the provinces, unknown paths: {@code page-per-minute}), before any body is read.
 * Captchas (both kinds), verifications and resends keep their own, stricter, limits in the controller.
 * {@code /health} and {@code /prometheus} are left to the monitoring that scrapes them (they stay off the
 * public proxy).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RateLimitFilter implements Ordered {
    /** Limited by {@link VerificationPlatformController} itself, per kind. */
    private static final Set<String> OWN_LIMITS = Set.of("/api/v1/captchas", "/api/v1/captchas/proof-of-work",
            "/api/v1/verifications", "/api/v1/resends");

    private final RateLimiter limiter;
    private final ClientAddressResolver addresses;
    private final Problems problems;

    RateLimitFilter(RateLimiter limiter, ClientAddressResolver addresses, Problems problems) {
        this.limiter = limiter;
        this.addresses = addresses;
        this.problems = problems;
    }

    /** Before the body limit: a flood is answered 429 whatever it sends. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 100;
    }

    /** On the event loop: these kinds are counted in this instance's memory, never with a statement. */
    @RequestFilter
    @Nullable
    HttpResponse<?> limit(HttpRequest<?> request) {
        Kind kind = kindOf(request.getPath());
        if (kind == null) {
            return null;
        }
        long wait = limiter.acquire(kind, addresses.resolve(request));
        return wait > 0 ? problems.rateLimited(wait) : null;
    }

    /** Null: not limited here. */
    static Kind kindOf(String path) {
        if (OWN_LIMITS.contains(stripSlash(path)) || path.equals("/health") || path.startsWith("/health/")
                || path.equals("/prometheus")) {
            return null;
        }
        return path.startsWith(BodyLimitFilter.CALLBACKS) ? Kind.CALLBACK : Kind.PAGE;
    }

    private static String stripSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
