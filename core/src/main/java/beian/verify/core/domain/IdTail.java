package beian.verify.core.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/** The last six characters of a principal's ID document; letters are upper-cased, so X matches x. */
public record IdTail(String value) {
    private static final Pattern SIX = Pattern.compile("[A-Z0-9]{6}");

    public IdTail {
        if (value == null || !SIX.matcher(value).matches()) {
            throw new InvalidInputException(InputField.ID_TAIL, "must be the last six letters or digits of the ID number");
        }
    }

    public static IdTail of(String raw) {
        return new IdTail(raw == null ? null : raw.strip().toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return "IdTail[******]";
    }
}
