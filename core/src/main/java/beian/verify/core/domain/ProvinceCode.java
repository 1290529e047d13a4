package beian.verify.core.domain;

import java.util.Locale;
import java.util.Set;

/** A provincial-level division of China as its ISO 3166-2:CN code without {@code CN-} (TJ, GS, HI, ...). */
public record ProvinceCode(String value) {
    /** The 34 subdivision codes of ISO 3166-2:CN. */
    public static final Set<String> ALL = Set.of(
            "BJ", "TJ", "HE", "SX", "NM", "LN", "JL", "HL", "SH", "JS", "ZJ", "AH", "FJ", "JX", "SD", "HA", "HB",
            "HN", "GD", "GX", "HI", "CQ", "SC", "GZ", "YN", "XZ", "SN", "GS", "QH", "NX", "XJ", "TW", "HK", "MO");

    public ProvinceCode {
        if (value == null || !ALL.contains(value)) {
            throw new InvalidInputException(InputField.PROVINCE, "must be an ISO 3166-2:CN code without CN- (e.g. TJ, GS, HI)");
        }
    }

    public static ProvinceCode of(String raw) {
        if (raw == null) {
            return new ProvinceCode(null);
        }
        String code = raw.strip().toUpperCase(Locale.ROOT);
        return new ProvinceCode(code.startsWith("CN-") ? code.substring(3) : code);
    }

    @Override
    public String toString() {
        return value;
    }
}
