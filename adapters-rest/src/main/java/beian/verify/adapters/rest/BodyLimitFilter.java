package beian.verify.adapters.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Refuses API bodies over {@code beian.rest.max-body-bytes} (16 KB) before anything reads them.
 * The server-wide Micronaut limit is left alone: other adapters may take larger bodies.
 * A body of unknown length (chunked) is refused too, since its size cannot be checked up front.
 */
@ServerFilter("/api/**")
final class BodyLimitFilter {
    private final long limit;
    private final Problems problems;

    BodyLimitFilter(RestProperties properties, Problems problems) {
        this.limit = properties.getMaxBodyBytes();
        this.problems = problems;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> checkSize(HttpRequest<?> request) {
        long length = request.getContentLength();
        if (length > limit) {
            return problems.tooLarge(limit);
        }
        if (length < 0 && request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING)) {
            return problems.problem(HttpStatus.LENGTH_REQUIRED, "INVALID_ARGUMENT", "body",
                    "请求须带 Content-Length (a body of unknown length is not accepted)");
        }
        return null;
    }
}
