package beian.verify.core.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;

/**
 * Captcha ids as signed tokens, so issuing a captcha needs no database write:
 * {@code <nonce>.<expiry, epoch seconds in base 36>.<keyed hash of nonce, expiry and answer>}. The
 * answer itself never leaves the server except in the picture; without the hash key the token
 * tells nothing about it, and a changed expiry or nonce no longer matches any answer.
 */
final class CaptchaTokens {
    /** 128 bits of the keyed hash, in hex: the whole id stays within the API's 64 characters. */
    private static final int MAC_CHARS = 32;

    private final Secrets secrets;

    CaptchaTokens(Secrets secrets) {
        this.secrets = secrets;
    }

    record Token(String nonce, Instant expiresAt, String mac) {
    }

    String issue(String nonce, Instant expiresAt, String answer) {
        return nonce + "." + Long.toString(expiresAt.getEpochSecond(), 36) + "." + mac(nonce, expiresAt, answer);
    }

    Optional<Token> parse(String id) {
        String[] parts = id.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[2].length() != MAC_CHARS) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Token(parts[0], Instant.ofEpochSecond(Long.parseLong(parts[1], 36)), parts[2]));
        } catch (RuntimeException e) { // not a number, or out of Instant's range
            return Optional.empty();
        }
    }

    /** Whether {@code answer} (normalised by the caller) is the one the token was issued for; constant time. */
    boolean answers(Token token, String answer) {
        return MessageDigest.isEqual(token.mac().getBytes(StandardCharsets.US_ASCII),
                mac(token.nonce(), token.expiresAt(), answer).getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(String nonce, Instant expiresAt, String answer) {
        String full = secrets.captchaAnswer(nonce + "." + expiresAt.getEpochSecond(), answer);
        return full.length() > MAC_CHARS ? full.substring(0, MAC_CHARS) : full;
    }
}
