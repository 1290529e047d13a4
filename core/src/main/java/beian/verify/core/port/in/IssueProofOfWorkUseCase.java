package beian.verify.core.port.in;

import java.time.Instant;

/**
 * A page asks for the captcha that needs no sight (GB/T 37668-2019, WCAG 2.1 SC 1.1.1): a proof of
 * work its browser solves by itself, ALTCHA's scheme with the effort fixed by the server. The browser
 * finds the whole number {@code n} from 0 to {@code maxNumber} whose SHA-256 over {@code salt + n}
 * (UTF-8, {@code n} in decimal) is {@code challenge}, and sends {@code captchaId} with {@code n} as
 * the captcha answer. It stands equal to a picture: the same gate, single use, expiry and limits.
 */
public interface IssueProofOfWorkUseCase {

    /** A new challenge: it expires a captcha lifetime from now. */
    ProofOfWorkChallenge issue();

    /**
     * @param algorithm the hash, {@value #ALGORITHM} (the name ALTCHA and Web Crypto give it)
     * @param challenge the lowercase hex of the hash to match
     */
    record ProofOfWorkChallenge(String captchaId, String algorithm, String salt, String challenge, int maxNumber,
                                Instant expiresAt) {
        public static final String ALGORITHM = "SHA-256";
        /** How every proof-of-work captcha id begins (no picture's does). */
        public static final String ID_PREFIX = "pow.";

        /** Whether {@code captchaId} is of a proof of work (an adapter words its refusal apart from a picture's). */
        public static boolean names(String captchaId) {
            return captchaId != null && captchaId.startsWith(ID_PREFIX);
        }
    }
}
