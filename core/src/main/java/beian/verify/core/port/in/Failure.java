package beian.verify.core.port.in;

import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.FieldPath;
import beian.verify.core.domain.InvalidInputException;

/**
 * Why a use case refused: the stable code, the input at fault where there is one (as a domain
 * field: each adapter spells it), and a reason a person can act on.
 */
public record Failure(ErrorCode code, FieldPath field, String reason) {
    public static Failure of(ErrorCode code, String reason) {
        return new Failure(code, null, reason);
    }

    public static Failure invalid(InvalidInputException e) {
        return new Failure(ErrorCode.INVALID_ARGUMENT, e.field(), e.reason());
    }
}
