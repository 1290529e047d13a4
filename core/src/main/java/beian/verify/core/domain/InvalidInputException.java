package beian.verify.core.domain;

/** A value given from outside broke a rule; names the field so the caller can be told which. */
public final class InvalidInputException extends RuntimeException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The field path, e.g. {@code websites[1].principal.phone}. */
    public String field() {
        return field;
    }

    /** The message without the field prefix. */
    public String reason() {
        return getMessage().substring(field.length() + 2);
    }

    /** The same complaint about a field at another path (a value object knows its own name only). */
    public InvalidInputException at(String path) {
        return new InvalidInputException(path, reason());
    }
}
