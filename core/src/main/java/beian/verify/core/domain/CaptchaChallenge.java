package beian.verify.core.domain;

import java.time.Instant;
import java.util.Objects;

/** A picture captcha issued to a page: single use, expiring. Only a keyed hash of the answer is kept. */
public record CaptchaChallenge(String id, String answerHash, Instant expiresAt) {
    public CaptchaChallenge {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(answerHash, "answerHash");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
