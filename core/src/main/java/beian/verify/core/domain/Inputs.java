package beian.verify.core.domain;

import java.util.function.Function;

/** Parses raw input into value objects, naming the field path on failure. */
public final class Inputs {
    private Inputs() {
    }

    /** Parses {@code raw} with {@code parser}; a missing value or a rule broken is reported at {@code path}. */
    public static <T> T parse(String path, String raw, Function<String, T> parser) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException(path, "is required");
        }
        try {
            return parser.apply(raw);
        } catch (InvalidInputException e) {
            throw e.at(path);
        }
    }

    /** Fails with the field named when the value is null. */
    public static <T> T required(String path, T value) {
        if (value == null) {
            throw new InvalidInputException(path, "is required");
        }
        return value;
    }

    static String requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw new InvalidInputException(field, "must be at most " + maxLength + " characters");
        }
        return trimmed;
    }
}
