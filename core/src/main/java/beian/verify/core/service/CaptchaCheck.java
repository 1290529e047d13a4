package beian.verify.core.service;

import beian.verify.core.domain.CaptchaChallenge;
import beian.verify.core.port.out.CaptchaStore;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The captcha gate of both forms: any check consumes the challenge (single use), and it passes
 * when answered right, case-insensitively, before it expires. Runs in the caller's transaction.
 */
final class CaptchaCheck {
    private static final int ID_MAX = 64;

    private final CaptchaStore captchas;
    private final Secrets secrets;

    CaptchaCheck(CaptchaStore captchas, Secrets secrets) {
        this.captchas = captchas;
        this.secrets = secrets;
    }

    boolean passes(String captchaId, String answer, Instant now) {
        if (captchaId == null || captchaId.isBlank() || captchaId.length() > ID_MAX) {
            return false;
        }
        Optional<CaptchaChallenge> challenge = captchas.take(captchaId);
        if (challenge.isEmpty() || answer == null || answer.isBlank()) {
            return false;
        }
        return now.isBefore(challenge.get().expiresAt()) && challenge.get().answerHash()
                .equals(secrets.captchaAnswer(captchaId, answer.strip().toUpperCase(Locale.ROOT)));
    }
}
