package beian.verify.core.domain;

import java.util.Objects;

/** A value given from outside broke a rule; names the field so the caller can be told which. */
public final class InvalidInputException extends RuntimeException {
    private final FieldPath field;
    private final String reason;

    public InvalidInputException(FieldPath field, String reason) {
        super(field + ": " + reason);
        this.field = Objects.requireNonNull(field, "field");
        this.reason = reason;
    }

    public InvalidInputException(InputField field, String reason) {
        this(FieldPath.of(field), reason);
    }

    /** Where the wrong value sits. */
    public FieldPath field() {
        return field;
    }

    /** What is wrong with it, without the field. */
    public String reason() {
        return reason;
    }

    /** The same complaint about a field at another path (a value object knows its own name only). */
    public InvalidInputException at(FieldPath path) {
        return new InvalidInputException(path, reason);
    }
}
