package beian.verify.core.domain;

import java.util.regex.Pattern;

/** A provider's idempotency key for one submission. */
public record RequestId(String value) {
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7E]{1,128}");

    public RequestId {
        if (value == null || !PRINTABLE.matcher(value).matches()) {
            throw new InvalidInputException(InputField.REQUEST_ID, "must be 1-128 printable ASCII characters without spaces");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
