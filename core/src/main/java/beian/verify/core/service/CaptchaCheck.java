package beian.verify.core.service;

import beian.verify.core.port.out.CaptchaStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The captcha gate of both forms: any check of a live captcha uses it up (single use, across
 * instances, through the store's mark), and it passes when answered right before it expires: a
 * picture's text (case-insensitively) or a proof of work's number, the two kinds of
 * {@link CaptchaTokens} standing equal. Runs in the caller's transaction: a check is one insert.
 */
final class CaptchaCheck {
    private static final int ID_MAX = 64;
    /**
     * A mark is kept until its captcha expires, but never longer than this: a forged token with a
     * far expiry matches no answer, and must not keep a row for years. Captcha lifetimes are minutes.
     */
    static final Duration LONGEST_KEPT = Duration.ofDays(1);

    private final CaptchaStore captchas;
    private final CaptchaTokens tokens;

    CaptchaCheck(CaptchaStore captchas, Secrets secrets) {
        this.captchas = captchas;
        this.tokens = new CaptchaTokens(secrets);
    }

    boolean passes(String captchaId, String answer, Instant now) {
        if (captchaId == null || captchaId.isBlank() || captchaId.length() > ID_MAX) {
            return false;
        }
        Optional<CaptchaTokens.Token> token = tokens.parse(captchaId);
        if (token.isEmpty() || !now.isBefore(token.get().expiresAt())) {
            return false;
        }
        Instant keepUntil = token.get().expiresAt().isAfter(now.plus(LONGEST_KEPT)) ? now.plus(LONGEST_KEPT)
                : token.get().expiresAt();
        if (!captchas.markUsed(captchaId, keepUntil)) {
            return false;
        }
        return answer != null && !answer.isBlank() && tokens.answers(token.get(), answer);
    }
}
