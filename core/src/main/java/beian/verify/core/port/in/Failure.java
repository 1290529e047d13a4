package beian.verify.core.port.in;

import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.FieldPath;
import beian.verify.core.domain.InvalidInputException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a use case refused: the stable code, the input at fault where there is one (as a domain
 * field: each adapter spells it), a reason a person can act on, and, where the refusal ends at a
 * known instant (a limit's window), how long until then: {@code retryAfter}, empty when there is no
 * such instant.
 */
public record Failure(ErrorCode code, FieldPath field, String reason, Optional<Duration> retryAfter) {
    public Failure {
        Objects.requireNonNull(retryAfter, "retryAfter (Optional.empty() when unknown)");
    }

    /** A refusal with no known end. */
    public Failure(ErrorCode code, FieldPath field, String reason) {
        this(code, field, reason, Optional.empty());
    }

    public static Failure of(ErrorCode code, String reason) {
        return new Failure(code, null, reason);
    }

    public static Failure invalid(InvalidInputException e) {
        return new Failure(ErrorCode.INVALID_ARGUMENT, e.field(), e.reason());
    }

    /** This refusal, ending after {@code wait}. */
    public Failure withRetryAfter(Duration wait) {
        return new Failure(code, field, reason, Optional.of(RetryAfter.positive(wait)));
    }
}
