package beian.verify.core.domain;

import java.util.regex.Pattern;

/** An 11-digit mainland China mobile number. Its {@code toString} is masked, so logging it is safe. */
public record PhoneNumber(String value) {
    private static final Pattern MAINLAND_MOBILE = Pattern.compile("1[3-9]\\d{9}");

    public PhoneNumber {
        if (value == null || !MAINLAND_MOBILE.matcher(value).matches()) {
            throw new InvalidInputException(InputField.PHONE, "must be an 11-digit mainland mobile number (1[3-9] followed by 9 digits)");
        }
    }

    public static PhoneNumber of(String value) {
        return new PhoneNumber(value == null ? null : value.strip());
    }

    /** {@code 138****1234}: the form used in logs, events and audit records. */
    public String masked() {
        return value.substring(0, 3) + "****" + value.substring(7);
    }

    @Override
    public String toString() {
        return masked();
    }
}
