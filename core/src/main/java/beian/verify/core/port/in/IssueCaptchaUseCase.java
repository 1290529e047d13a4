package beian.verify.core.port.in;

import java.time.Instant;

/** A page asks for a picture captcha; the adapter draws {@code answer} into the picture. */
public interface IssueCaptchaUseCase {

    IssuedCaptcha issue();

    record IssuedCaptcha(String captchaId, String answer, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedCaptcha[" + captchaId + "]";
        }
    }
}
