package beian.verify.adapters.rest;

import beian.verify.core.port.out.StorageUnavailableException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database cannot be reached: 503 with {@code Retry-After}, as a problem whose code is
 * UNAVAILABLE, within the connection timeout (2 s by default), never a hang or a 500 with a trace.
 */
@Controller
final class StorageUnavailableHandler {
    /** The stable code of this answer. */
    static final String UNAVAILABLE = "UNAVAILABLE";
    private static final Logger LOG = LoggerFactory.getLogger(StorageUnavailableHandler.class);

    private final Problems problems;

    StorageUnavailableHandler(Problems problems) {
        this.problems = problems;
    }

    @Error(global = true, exception = StorageUnavailableException.class)
    HttpResponse<?> unavailable(HttpRequest<?> request, StorageUnavailableException e) {
        LOG.warn("{} {}: answered 503, {}", request.getMethod(), request.getPath(), e.getMessage());
        return problems.problem(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE, null,
                        "服务暂时不可用，请稍后再试 (storage unavailable; retry shortly)")
                .header("Retry-After", "2");
    }
}
