package beian.verify.core.service;

import beian.verify.core.domain.CaptchaChallenge;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.port.in.IssueCaptchaUseCase;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.CaptchaStore;
import beian.verify.core.port.out.KeyedHasher;
import beian.verify.core.port.out.RandomSource;
import beian.verify.core.port.out.TransactionRunner;
import java.time.Instant;

/** Picture captchas: a random text, kept only as a keyed hash, single use, expiring. */
public final class IssueCaptchaService implements IssueCaptchaUseCase {
    /**
     * Letters and digits a person cannot mistake for one another: one of each look-alike pair, none of 0, O,
     * 1, I, 2, 5, B; 29 shapes rather than 23, so a machine guessing a character has more to choose from.
     */
    public static final String ALPHABET = "ACDEFGHJKLMNPQRSTUVWXYZ346789";
    public static final int LENGTH = 5;

    private final VerificationSettings settings;
    private final TransactionRunner transactions;
    private final AppClock clock;
    private final CaptchaStore captchas;
    private final Secrets secrets;
    private final RandomSource random;

    public IssueCaptchaService(VerificationSettings settings, TransactionRunner transactions, AppClock clock,
                               CaptchaStore captchas, KeyedHasher hasher, RandomSource random) {
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
        this.captchas = captchas;
        this.secrets = new Secrets(hasher);
        this.random = random;
    }

    @Override
    public IssuedCaptcha issue() {
        StringBuilder answer = new StringBuilder();
        for (int i = 0; i < LENGTH; i++) {
            answer.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        String id = random.token();
        Instant expiresAt = clock.now().plus(settings.captchaLifetime());
        transactions.inTransaction(() -> {
            captchas.save(new CaptchaChallenge(id, secrets.captchaAnswer(id, answer.toString()), expiresAt));
            return null;
        });
        return new IssuedCaptcha(id, answer.toString(), expiresAt);
    }
}
