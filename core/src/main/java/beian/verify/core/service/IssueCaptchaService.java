package beian.verify.core.service;

import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.port.in.IssueCaptchaUseCase;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.KeyedHasher;
import beian.verify.core.port.out.RandomSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Picture captchas: a random text whose keyed hash travels in the captcha id (a signed token, see
 * {@link CaptchaTokens}), so issuing one writes nothing; single use is enforced when it is checked.
 */
public final class IssueCaptchaService implements IssueCaptchaUseCase {
    /**
     * Letters and digits a person cannot mistake for one another, nor for a character outside the alphabet
     * (DOMAIN.md "The picture captcha"): none of a look-alike group DOMAIN.md names (0 O D Q, 1 I L J,
     * 2 Z, 5 S, 6 G, 8 B, U V) or that a reader took one for the other in the earlier pictures (U V Y,
     * 4 A, K X, H N), so a person who reads a 2 as a Z cannot be wrong: there is neither. Of the other
     * pairs PictureCaptchaRulesTest lists, none wholly (no T beside 7, no F beside E, no P beside 9 and R).
     * 8 shapes and 4 characters: legibility wins over machine resistance, since the limits of step 5 hold
     * with every captcha assumed solved.
     */
    public static final String ALPHABET = "379CEMRW";
    public static final int LENGTH = 4;

    private final VerificationSettings settings;
    private final AppClock clock;
    private final CaptchaTokens tokens;
    private final RandomSource random;

    public IssueCaptchaService(VerificationSettings settings, AppClock clock, KeyedHasher hasher, RandomSource random) {
        this.settings = settings;
        this.clock = clock;
        this.tokens = new CaptchaTokens(new Secrets(hasher));
        this.random = random;
    }

    @Override
    public String newText() {
        StringBuilder answer = new StringBuilder();
        for (int i = 0; i < LENGTH; i++) {
            answer.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return answer.toString();
    }

    @Override
    public IssuedCaptcha issue(String text) {
        if (text == null || text.length() != LENGTH || !text.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            throw new IllegalArgumentException("not a captcha text of this service");
        }
        String answer = text;
        // whole seconds: the token carries the expiry in seconds, and the answer says the same instant
        Instant expiresAt = clock.now().plus(settings.captchaLifetime()).truncatedTo(ChronoUnit.SECONDS);
        String id = tokens.issue(random.token(), expiresAt, answer);
        return new IssuedCaptcha(id, answer, expiresAt);
    }
}
