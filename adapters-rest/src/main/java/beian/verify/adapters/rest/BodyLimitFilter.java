package beian.verify.adapters.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Refuses request bodies over the limit before anything reads them, on every path of the HTTP server:
 * {@code beian.rest.max-body-bytes} (16 KB) for the API, the page and everything else, and
 * {@code beian.rest.max-callback-body-bytes} (512 KB) for the carriers' delivery reports under
 * {@code /callbacks/} (up to 1,000 reports a push). A body of unknown length (chunked) is refused too,
 * since its size cannot be checked up front, except from a carrier, whose push is bounded by Micronaut's
 * {@code micronaut.server.max-request-size} instead.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class BodyLimitFilter {
    static final String CALLBACKS = "/callbacks/";

    private final long limit;
    private final long callbackLimit;
    private final Problems problems;

    BodyLimitFilter(RestProperties properties, Problems problems) {
        this.limit = properties.getMaxBodyBytes();
        this.callbackLimit = properties.getMaxCallbackBodyBytes();
        this.problems = problems;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> checkSize(HttpRequest<?> request) {
        boolean callback = request.getPath().startsWith(CALLBACKS);
        long max = callback ? callbackLimit : limit;
        long length = request.getContentLength();
        if (length > max) {
            return problems.tooLarge(max);
        }
        if (!callback && length < 0 && request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING)) {
            return problems.problem(HttpStatus.LENGTH_REQUIRED, "INVALID_ARGUMENT", "body",
                    "请求须带 Content-Length (a body of unknown length is not accepted)");
        }
        return null;
    }
}
