package beian.verify.adapters.rest;

import beian.verify.adapters.rest.RestModel.Problem;
import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.FieldPath;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * The REST adapter's one translator of outcomes and errors: the stable error code to its HTTP
 * status (API.md), as {@code application/problem+json}; a 429 whose wait is known carries it as
 * {@code Retry-After} and {@code retryAfterSeconds}.
 */
@Singleton
final class Problems {
    static final String PROBLEM_JSON = "application/problem+json";

    /** How the page names each request field, so the detail reads Chinese first. */
    private static final Map<String, String> FIELD_NAMES = Map.of(
            "phone", "手机号码",
            "idTail", "证件号码后六位",
            "code", "短信验证码",
            "captchaId", "图形验证码",
            "captchaAnswer", "图形验证码",
            "body", "请求内容");

    private final JsonMapper json;

    Problems(JsonMapper json) {
        this.json = json;
    }

    /** The code of a refusal that is this adapter's own: too many requests from one client address. */
    static final String RATE_LIMITED = "RATE_LIMITED";

    static HttpStatus statusOf(ErrorCode code) {
        return switch (code) {
            case INVALID_ARGUMENT, CAPTCHA_INVALID -> HttpStatus.BAD_REQUEST;
            case RECORD_NOT_FOUND, APPLICATION_NOT_FOUND, FILED_RECORD_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case VERIFICATION_FAILED, WRONG_STATUS, TRANSFER_PHONE_MISMATCH -> HttpStatus.CONFLICT;
            case TOO_MANY_ATTEMPTS, RESEND_TOO_FREQUENT -> HttpStatus.TOO_MANY_REQUESTS;
            case FILED_RECORD_OF_ANOTHER_PROVINCE -> HttpStatus.FORBIDDEN; // a reviewer's refusal: not served over REST
        };
    }

    /** A refusal of the core, with the page's sentence for it. */
    MutableHttpResponse<byte[]> refused(ErrorCode code, String field, String sentence) {
        return problem(statusOf(code), code.name(), field, sentence);
    }

    /**
     * A refusal of the core whose wait is known: the page's sentence (saying when to try), and the wait as
     * {@code Retry-After} and {@code retryAfterSeconds}.
     */
    MutableHttpResponse<byte[]> refused(ErrorCode code, String sentence, Duration retryAfter) {
        return withRetryAfter(statusOf(code), code.name(), sentence, retryAfterSeconds(retryAfter));
    }

    /**
     * The whole seconds a client is told to wait (RFC 9110 Retry-After): rounded up, so a retry at once
     * after them is never too early, and at least 1.
     */
    static long retryAfterSeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /** Bad input: the core's field, spelled as this API names it, and why. */
    MutableHttpResponse<byte[]> invalid(FieldPath field, String reason) {
        return invalid(RestFieldPaths.of(field), reason);
    }

    /** Bad input caught by the adapter itself, before the core saw it. */
    MutableHttpResponse<byte[]> invalid(String field, String englishReason) {
        return problem(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_ARGUMENT.name(), field, invalidDetail(field, englishReason));
    }

    MutableHttpResponse<byte[]> rateLimited(long retryAfterSeconds) {
        return withRetryAfter(HttpStatus.TOO_MANY_REQUESTS, RATE_LIMITED, PageWording.tryAgainIn("请求过于频繁",
                retryAfterSeconds) + " (too many requests from this address; retry after " + retryAfterSeconds + " s)",
                retryAfterSeconds);
    }

    private MutableHttpResponse<byte[]> withRetryAfter(HttpStatus status, String code, String detail, long seconds) {
        return write(status, new Problem("about:blank", status.getReason(), status.getCode(), detail, code, null,
                seconds)).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }

    MutableHttpResponse<byte[]> tooLarge(long limitBytes) {
        return problem(HttpStatus.REQUEST_ENTITY_TOO_LARGE, ErrorCode.INVALID_ARGUMENT.name(), "body",
                "请求内容过大 (the request body must not exceed " + limitBytes + " bytes)");
    }

    /** Any problem: the stable code (or, for protocol errors, a name of the status), and a detail. */
    MutableHttpResponse<byte[]> problem(HttpStatus status, String code, String field, String detail) {
        return write(status, new Problem("about:blank", status.getReason(), status.getCode(), detail, code, field));
    }

    private MutableHttpResponse<byte[]> write(HttpStatus status, Problem problem) {
        try {
            return HttpResponse.<byte[]>status(status).contentType(PROBLEM_JSON).body(json.writeValueAsBytes(problem));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a problem", e);
        }
    }

    private static String invalidDetail(String field, String reason) {
        String name = field == null ? "输入" : FIELD_NAMES.getOrDefault(field, field);
        return name + "格式不正确 (" + (field == null ? "" : field + ": ") + reason + ")";
    }
}
