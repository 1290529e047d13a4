package beian.verify.core.service;

import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.port.in.IssueProofOfWorkUseCase;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.KeyedHasher;
import beian.verify.core.port.out.RandomSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Proof-of-work captchas: a secret number drawn uniformly from 0 to the configured maximum, so a
 * browser tries half of them on average and never more than all (a person's wait is bounded, where
 * a "leading zero bits" target leaves one in twenty waiting three times the mean). The number's keyed
 * hash travels in the captcha id, like a picture's answer: issuing writes nothing.
 */
public final class IssueProofOfWorkService implements IssueProofOfWorkUseCase {
    private final VerificationSettings settings;
    private final AppClock clock;
    private final CaptchaTokens tokens;
    private final RandomSource random;

    public IssueProofOfWorkService(VerificationSettings settings, AppClock clock, KeyedHasher hasher, RandomSource random) {
        this.settings = settings;
        this.clock = clock;
        this.tokens = new CaptchaTokens(new Secrets(hasher));
        this.random = random;
    }

    @Override
    public ProofOfWorkChallenge issue() {
        int maxNumber = settings.proofOfWorkMaxNumber();
        int number = random.nextInt(maxNumber + 1); // 0..maxNumber, both ends included, as ALTCHA draws it
        String salt = salt();
        // whole seconds: the token carries the expiry in seconds, and the answer says the same instant
        Instant expiresAt = clock.now().plus(settings.captchaLifetime()).truncatedTo(ChronoUnit.SECONDS);
        return new ProofOfWorkChallenge(tokens.issueProofOfWork(salt, expiresAt, number), ProofOfWorkChallenge.ALGORITHM,
                salt, CaptchaTokens.challenge(salt, number), maxNumber, expiresAt);
    }

    /** 96 random bits in URL-safe characters (the random source's token is longer; its first characters suffice). */
    private String salt() {
        String token = random.token();
        if (token.length() < CaptchaTokens.SALT_CHARS || token.indexOf('.') >= 0) {
            throw new IllegalStateException("the random source's tokens must be URL-safe and at least "
                    + CaptchaTokens.SALT_CHARS + " characters long");
        }
        return token.substring(0, CaptchaTokens.SALT_CHARS);
    }
}
