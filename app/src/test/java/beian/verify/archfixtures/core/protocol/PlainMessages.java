package beian.verify.archfixtures.core.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Follows rule 5: ordinary messages, enum-like constants and single lower-case words are no
 * protocol. Also carries constants of every width, so the class-file reader meets two-slot
 * constant pool entries.
 */
public final class PlainMessages {

    /** Enum constant names are string literals of the enum's class file. */
    public enum Kind { NEW_FILING, CHANGE_OF_OWNER }

    /**
     * javac names a record's components in a literal for toString/equals/hashCode ("lastFour"
     * here, "a;b" for two): not the core's words, though one camelCase name looks like a path.
     */
    public record Tail(String lastFour) {
        public Tail {
            Objects.requireNonNull(lastFour, "is required");
        }
    }

    /** A null check naming the class's own field names a Java field, not a wire field. */
    public static final class Challenge {
        private final Object expiresAt;

        public Challenge(Object expiresAt) {
            this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        }

        public Object expiresAt() {
            return expiresAt;
        }
    }

    private final long big = 1_234_567_890_123L;
    private final double ratio = 2.5e10;
    private final float share = 0.75f;
    private final int large = 1_000_000;

    public List<String> words() {
        return List.of("is required", "NEW_FILING", "code", "captcha", "id-tail", "600", "1000",
                "Asia/Shanghai", "must be 6 digits", "tjcainfo.miitbeian.gov.cn");
    }

    public String attempt(int n, int max) {
        return "attempt " + n + " of " + max + ": try again later";
    }

    public Runnable reference() {
        return this::words;
    }

    public double weight() {
        return big * ratio * share + large;
    }
}
