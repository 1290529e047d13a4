package beian.verify.adapters.rest;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Errors the framework answers on its own under /api (no such route, wrong method, wrong content
 * type) become problems too, so a client of the API reads one error format. Their {@code code} is
 * the HTTP status name: they are protocol errors, not outcomes of the contract.
 */
@ServerFilter("/api/**")
final class ApiProblemFilter {
    private final Problems problems;

    ApiProblemFilter(Problems problems) {
        this.problems = problems;
    }

    @ResponseFilter
    void asProblem(MutableHttpResponse<?> response) {
        int status = response.code();
        if (status < 400 || response.getContentType().map(t -> t.toString().startsWith(Problems.PROBLEM_JSON)).orElse(false)) {
            return;
        }
        HttpStatus known = HttpStatus.valueOf(status);
        String detail = switch (known) {
            case NOT_FOUND -> "请求的接口不存在 (no such API route)";
            case METHOD_NOT_ALLOWED -> "请求方法不被允许 (method not allowed)";
            case UNSUPPORTED_MEDIA_TYPE -> "请求内容须为 JSON (Content-Type must be " + MediaType.APPLICATION_JSON + ")";
            case NOT_ACCEPTABLE -> "无法按所请求的格式应答 (the answer is JSON)";
            case REQUEST_ENTITY_TOO_LARGE -> "请求内容过大 (request body too large)";
            default -> status >= 500 ? "服务暂时不可用，请稍后再试 (internal error)" : "请求有误 (bad request)";
        };
        MutableHttpResponse<byte[]> problem = problems.problem(known, known.name(), null, detail);
        @SuppressWarnings("unchecked")
        MutableHttpResponse<Object> target = (MutableHttpResponse<Object>) response;
        target.body(problem.body()).contentType(Problems.PROBLEM_JSON);
    }
}
