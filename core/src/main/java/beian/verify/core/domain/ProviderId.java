package beian.verify.core.domain;

import java.util.regex.Pattern;

/** An access provider (接入服务商), as bound to its credentials. */
public record ProviderId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public ProviderId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidInputException(InputField.PROVIDER_ID, "must be 1-64 lower-case letters, digits, '.', '_' or '-'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
