package beian.verify.core.domain;

import java.util.regex.Pattern;

/** A 6-digit SMS verification code. Never logged: {@code toString} hides it. */
public record VerificationCode(String value) {
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");

    public VerificationCode {
        if (value == null || !SIX_DIGITS.matcher(value).matches()) {
            throw new InvalidInputException(InputField.CODE, "must be 6 digits");
        }
    }

    public static VerificationCode of(String raw) {
        return new VerificationCode(raw == null ? null : raw.strip());
    }

    @Override
    public String toString() {
        return "VerificationCode[******]";
    }
}
