package beian.verify.core.port.in;

import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.InvalidInputException;

/**
 * Why a use case refused: the stable code, the field at fault where there is one, and a message
 * a person can act on.
 */
public record Failure(ErrorCode code, String field, String message) {
    public static Failure of(ErrorCode code, String message) {
        return new Failure(code, null, message);
    }

    public static Failure invalid(InvalidInputException e) {
        return new Failure(ErrorCode.INVALID_ARGUMENT, e.field(), e.getMessage());
    }
}
