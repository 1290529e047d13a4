package beian.verify.core.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A principal's identity document, checked for its own format (a resident ID also for its check
 * character). It lives only while a submission is processed: only a keyed hash of its tail is kept.
 */
public record IdDocument(IdType type, String number) {
    private static final Pattern HK_MACAO = Pattern.compile("[HM]\\d{8}(\\d{2})?");
    private static final Pattern TAIWAN = Pattern.compile("\\d{8}(\\d{2})?");
    private static final Pattern PASSPORT = Pattern.compile("[A-Z0-9]{6,17}");

    public IdDocument {
        if (type == null) {
            throw new InvalidInputException(InputField.ID_TYPE, "is required");
        }
        switch (type) {
            case RESIDENT_ID -> new ResidentIdNumber(number);
            case HK_MACAO_PERMIT -> require(HK_MACAO, number, "a Hong Kong/Macao permit is H or M followed by 8 or 10 digits");
            case TAIWAN_PERMIT -> require(TAIWAN, number, "a Taiwan permit has 8 or 10 digits");
            case PASSPORT -> require(PASSPORT, number, "a passport number has 6 to 17 letters or digits");
            default -> throw new IllegalStateException("unknown id type " + type);
        }
    }

    /** Normalises case and blanks before checking, so {@code 11010519491231002x} is accepted. */
    public static IdDocument of(IdType type, String raw) {
        return new IdDocument(type == null ? IdType.RESIDENT_ID : type,
                raw == null ? null : raw.strip().toUpperCase(Locale.ROOT));
    }

    private static void require(Pattern pattern, String number, String message) {
        if (number == null || !pattern.matcher(number).matches()) {
            throw new InvalidInputException(InputField.ID_NUMBER, message);
        }
    }

    /** The last six characters, which the person types on the verification page. */
    public IdTail tail() {
        return new IdTail(number.substring(number.length() - 6));
    }

    @Override
    public String toString() {
        return "IdDocument[" + type + ", ******]";
    }
}
