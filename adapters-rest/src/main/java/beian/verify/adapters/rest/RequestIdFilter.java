package beian.verify.adapters.rest;

import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A request id on every log line of an HTTP request (MDC key {@code requestId}) and on its answer
 * ({@code X-Request-Id}). A caller's own {@code X-Request-Id} (a proxy's) is kept when it is a plain
 * token; otherwise one is made. Micronaut carries the MDC to whichever thread runs the request.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestIdFilter implements Ordered {
    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    private static final String STARTED = "beian.request-started";
    private static final Logger LOG = LoggerFactory.getLogger(RequestIdFilter.class);
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @RequestFilter
    void start(HttpRequest<?> request, MutablePropagatedContext context) {
        String given = request.getHeaders().get(HEADER);
        String id = given != null && PLAIN.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.setAttribute(MDC_KEY, id);
        request.setAttribute(STARTED, System.nanoTime());
        MDC.put(MDC_KEY, id);
        try {
            context.add(new MdcPropagationContext());
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /** Answers with the id, and logs the request (DEBUG) with it: one line an operator can follow. */
    @ResponseFilter
    void finish(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(MDC_KEY, String.class).ifPresent(id -> response.header(HEADER, id));
        if (LOG.isDebugEnabled()) {
            long micros = request.getAttribute(STARTED, Long.class).map(t -> (System.nanoTime() - t) / 1000).orElse(-1L);
            // the path only: query strings may carry a phone (GET /dev/sms?phone=)
            LOG.debug("{} {} -> {} in {} us", request.getMethodName(), request.getPath(), response.code(), micros);
        }
    }

    /** First of all filters, so every other filter's lines carry the id too. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
