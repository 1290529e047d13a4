package beian.verify.core.service;

import beian.verify.core.port.in.IssueProofOfWorkUseCase.ProofOfWorkChallenge;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Captcha ids as signed tokens, so issuing a captcha needs no database write. Two kinds, one check:
 * <ul>
 * <li>a picture: {@code <nonce>.<expiry, epoch seconds in base 36>.<keyed hash of nonce, expiry and answer>};
 * the answer itself never leaves the server except in the picture;</li>
 * <li>a proof of work (the captcha that needs no sight, ALTCHA's scheme with the effort fixed by the
 * server): {@code pow.<salt>.<expiry>.<keyed hash of salt, expiry and a secret number>}; the browser is
 * given {@code SHA-256(salt + number)} in hex and finds the number by trying 0, 1, 2, ...</li>
 * </ul>
 * Without the hash key a token tells nothing about its answer, and a changed expiry, nonce or salt
 * no longer matches any answer.
 */
final class CaptchaTokens {
    /** 128 bits of the keyed hash, in hex: the whole id stays within the API's 64 characters. */
    private static final int MAC_CHARS = 32;
    /**
     * The first part of a proof-of-work token ("pow", as the port publishes it); a picture's nonce is URL-safe
     * base64 of 16 bytes, never this.
     */
    static final String PROOF_OF_WORK =
            ProofOfWorkChallenge.ID_PREFIX.substring(0, ProofOfWorkChallenge.ID_PREFIX.length() - 1);
    /** 96 random bits as the proof of work's salt (16 URL-safe characters): the id stays within 64 characters. */
    static final int SALT_CHARS = 16;
    /** A proof of work is answered with the number in decimal, as a browser's {@code String(n)} writes it. */
    private static final Pattern NUMBER = Pattern.compile("0|[1-9][0-9]{0,9}");

    enum Kind { PICTURE, PROOF_OF_WORK }

    private final Secrets secrets;

    CaptchaTokens(Secrets secrets) {
        this.secrets = secrets;
    }

    /** {@code nonce} is the picture's nonce or the proof of work's salt. */
    record Token(Kind kind, String nonce, Instant expiresAt, String mac) {
    }

    String issue(String nonce, Instant expiresAt, String answer) {
        return nonce + "." + Long.toString(expiresAt.getEpochSecond(), 36) + "." + pictureMac(nonce, expiresAt, answer);
    }

    /** A proof-of-work token for the secret {@code number}; {@code salt} is what the browser hashes it with. */
    String issueProofOfWork(String salt, Instant expiresAt, int number) {
        return PROOF_OF_WORK + "." + salt + "." + Long.toString(expiresAt.getEpochSecond(), 36) + "."
                + proofOfWorkMac(salt, expiresAt, Integer.toString(number));
    }

    /** What the browser must match: the lowercase hex of SHA-256 over the UTF-8 of salt and number in decimal. */
    static String challenge(String salt, int number) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((salt + number).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    Optional<Token> parse(String id) {
        String[] parts = id.split("\\.", -1);
        boolean proofOfWork = parts.length == 4 && parts[0].equals(PROOF_OF_WORK);
        if (proofOfWork) {
            parts = new String[] {parts[1], parts[2], parts[3]};
        } else if (parts.length != 3) {
            return Optional.empty();
        }
        if (parts[0].isEmpty() || parts[2].length() != MAC_CHARS) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Token(proofOfWork ? Kind.PROOF_OF_WORK : Kind.PICTURE, parts[0],
                    Instant.ofEpochSecond(Long.parseLong(parts[1], 36)), parts[2]));
        } catch (RuntimeException e) { // not a number, or out of Instant's range
            return Optional.empty();
        }
    }

    /**
     * Whether {@code answer} is the one the token was issued for; constant time. A picture's text is read
     * case-insensitively; a proof of work's number must be written as the browser writes it.
     */
    boolean answers(Token token, String answer) {
        String given = answer.strip();
        String expected = switch (token.kind()) {
            case PICTURE -> pictureMac(token.nonce(), token.expiresAt(), given.toUpperCase(Locale.ROOT));
            case PROOF_OF_WORK -> NUMBER.matcher(given).matches()
                    ? proofOfWorkMac(token.nonce(), token.expiresAt(), given) : null;
        };
        return expected != null && MessageDigest.isEqual(token.mac().getBytes(StandardCharsets.US_ASCII),
                expected.getBytes(StandardCharsets.US_ASCII));
    }

    private String pictureMac(String nonce, Instant expiresAt, String answer) {
        return shorten(secrets.captchaAnswer(nonce + "." + expiresAt.getEpochSecond(), answer));
    }

    private String proofOfWorkMac(String salt, Instant expiresAt, String number) {
        return shorten(secrets.proofOfWorkNumber(salt + "." + expiresAt.getEpochSecond(), number));
    }

    private static String shorten(String full) {
        return full.length() > MAC_CHARS ? full.substring(0, MAC_CHARS) : full;
    }
}
