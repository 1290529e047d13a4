package beian.verify.core.port.out;

import beian.verify.core.domain.CaptchaChallenge;
import java.time.Instant;
import java.util.Optional;

/** Storage of captcha challenges, shared by every instance of the service. */
public interface CaptchaStore {
    void save(CaptchaChallenge challenge);

    /** Removes and returns the challenge: whoever takes it is the only one to check it. */
    Optional<CaptchaChallenge> take(String id);

    /** Drops challenges that expired before {@code now}; returns how many. */
    int purgeExpired(Instant now);
}
