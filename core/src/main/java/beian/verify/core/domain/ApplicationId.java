package beian.verify.core.domain;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Identifies a filing application. Generated as a UUIDv7 (time-ordered, random tail), so ids sort
 * by creation and serve as page cursors, yet cannot be guessed.
 */
public record ApplicationId(String value) implements Comparable<ApplicationId> {
    private static final SecureRandom RANDOM = new SecureRandom();

    public ApplicationId {
        try {
            if (value == null || !UUID.fromString(value).toString().equals(value)) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(InputField.APPLICATION_ID, "must be an application id as returned on submission");
        }
    }

    /** A new UUIDv7 id for an application created at {@code now}. */
    public static ApplicationId newId(Instant now) {
        long millis = now.toEpochMilli();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new ApplicationId(new UUID(msb, lsb).toString());
    }

    @Override
    public int compareTo(ApplicationId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
