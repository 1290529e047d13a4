package beian.verify.core.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/** An 18-character mainland resident ID number whose check character (GB 11643) is right. */
public record ResidentIdNumber(String value) {
    private static final Pattern SHAPE = Pattern.compile("\\d{17}[\\dX]");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();

    public ResidentIdNumber {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidInputException(InputField.ID_NUMBER, "a resident ID has 18 characters: 17 digits and a digit or X");
        }
        if (value.charAt(17) != checkCharacter(value)) {
            throw new InvalidInputException(InputField.ID_NUMBER, "the check character of the resident ID is wrong");
        }
    }

    public static ResidentIdNumber of(String raw) {
        return new ResidentIdNumber(raw == null ? null : raw.strip().toUpperCase(Locale.ROOT));
    }

    /** The check character the first 17 digits call for. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    @Override
    public String toString() {
        return "ResidentIdNumber[******]";
    }
}
