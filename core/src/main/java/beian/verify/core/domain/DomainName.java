package beian.verify.core.domain;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/** A website's domain name, held in its ASCII (punycode) lower-case form. */
public record DomainName(String value) {
    private static final Pattern LDH = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59})");

    public DomainName {
        if (value == null || !LDH.matcher(value).matches()) {
            throw new InvalidInputException(InputField.DOMAIN, "must be a domain name such as example.cn");
        }
    }

    /** Accepts Unicode (例子.中国) and mixed case, stores punycode lower case. */
    public static DomainName of(String raw) {
        if (raw == null) {
            return new DomainName(null);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(raw.strip(), IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(InputField.DOMAIN, "must be a domain name such as example.cn");
        }
        String lower = ascii.toLowerCase(Locale.ROOT);
        return new DomainName(lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower);
    }

    @Override
    public String toString() {
        return value;
    }
}
