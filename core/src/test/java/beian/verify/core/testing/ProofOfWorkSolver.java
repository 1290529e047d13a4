package beian.verify.core.testing;

import beian.verify.core.port.in.IssueProofOfWorkUseCase.ProofOfWorkChallenge;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Solves a proof-of-work captcha as the page's browser does, from what the challenge publishes only
 * (salt, challenge, maxNumber): tries 0, 1, 2, ... until SHA-256(salt + n) is the challenge. Written
 * apart from the core's own code, so a test that passes with it checks the published definition.
 */
public final class ProofOfWorkSolver {
    private ProofOfWorkSolver() {
    }

    /** The number, or -1 when none from 0 to {@code maxNumber} matches. */
    public static int solve(String salt, String challenge, int maxNumber) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] target = HexFormat.of().parseHex(challenge);
        for (int n = 0; n <= maxNumber; n++) {
            if (MessageDigest.isEqual(sha256.digest((salt + n).getBytes(StandardCharsets.UTF_8)), target)) {
                return n;
            }
        }
        return -1;
    }

    /** The number as the answer the page sends. */
    public static String answer(ProofOfWorkChallenge challenge) {
        int n = solve(challenge.salt(), challenge.challenge(), challenge.maxNumber());
        if (n < 0) {
            throw new AssertionError("no number from 0 to " + challenge.maxNumber() + " solves " + challenge);
        }
        return Integer.toString(n);
    }
}
