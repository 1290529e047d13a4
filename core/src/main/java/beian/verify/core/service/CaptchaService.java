package beian.verify.core.service;

import beian.verify.core.domain.CaptchaChallenge;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.port.in.IssueCaptchaUseCase;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Picture captchas: issued with a random text, single use (any check consumes), expiring. */
public final class CaptchaService implements IssueCaptchaUseCase {
    /** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). */
    public static final String ALPHABET = "ACDEFHJKMNPRTUVWXY34679";
    public static final int LENGTH = 5;

    private final Ports ports;
    private final VerificationSettings settings;
    private final Secrets secrets;

    public CaptchaService(Ports ports, VerificationSettings settings) {
        this.ports = ports;
        this.settings = settings;
        this.secrets = new Secrets(ports.hasher());
    }

    @Override
    public IssuedCaptcha issue() {
        StringBuilder answer = new StringBuilder();
        for (int i = 0; i < LENGTH; i++) {
            answer.append(ALPHABET.charAt(ports.random().nextInt(ALPHABET.length())));
        }
        String id = ports.random().token();
        Instant expiresAt = ports.clock().now().plus(settings.captchaLifetime());
        ports.transactions().inTransaction(() -> {
            ports.captchas().save(new CaptchaChallenge(id, secrets.captchaAnswer(id, answer.toString()), expiresAt));
            return null;
        });
        return new IssuedCaptcha(id, answer.toString(), expiresAt);
    }

    /** Consumes the challenge and says whether it was answered right in time. Case does not matter. */
    boolean check(String captchaId, String answer) {
        if (captchaId == null || captchaId.isBlank() || captchaId.length() > 64) {
            return false;
        }
        Optional<CaptchaChallenge> challenge = ports.transactions().inTransaction(() -> ports.captchas().take(captchaId));
        if (challenge.isEmpty() || answer == null || answer.isBlank()) {
            return false;
        }
        Instant now = ports.clock().now();
        return now.isBefore(challenge.get().expiresAt()) && challenge.get().answerHash()
                .equals(secrets.captchaAnswer(captchaId, answer.strip().toUpperCase(Locale.ROOT)));
    }
}
