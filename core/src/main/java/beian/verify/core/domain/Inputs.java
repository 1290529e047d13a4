package beian.verify.core.domain;

import java.util.function.Function;

/** Parses raw input into value objects, naming the field path on failure. */
public final class Inputs {
    private Inputs() {
    }

    /** Parses {@code raw} with {@code parser}; a missing value or a rule broken is reported at {@code path}. */
    public static <T> T parse(FieldPath path, String raw, Function<String, T> parser) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException(path, "is required");
        }
        try {
            return parser.apply(raw);
        } catch (InvalidInputException e) {
            throw e.at(path);
        }
    }

    public static <T> T parse(InputField field, String raw, Function<String, T> parser) {
        return parse(FieldPath.of(field), raw, parser);
    }

    /** Fails with the field named when the value is null. */
    public static <T> T required(FieldPath path, T value) {
        if (value == null) {
            throw new InvalidInputException(path, "is required");
        }
        return value;
    }

    /** Free text: present, stripped, at most {@code maxLength} characters. */
    public static String text(FieldPath path, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(path, "is required");
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw new InvalidInputException(path, "must be at most " + maxLength + " characters");
        }
        return trimmed;
    }
}
