package beian.verify.core.port.out;

/**
 * A keyed one-way hash (e.g. HMAC-SHA-256 with a secret key): what codes, ID tails and captcha
 * answers are stored as, so a leaked database does not reveal them.
 */
public interface KeyedHasher {
    /** The hash of {@code value} for {@code purpose} (a domain separator), as printable text. */
    String hash(String purpose, String value);
}
