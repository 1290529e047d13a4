package beian.verify.core.port.in;

import java.time.Instant;

/**
 * A page asks for a picture captcha; the adapter draws {@code answer} into the picture. The adapter
 * may draw ahead of time: {@link #newText()} picks a text, {@link #issue(String)} turns it into a
 * captcha (id, expiry from now) when the picture is handed out.
 */
public interface IssueCaptchaUseCase {

    /** A new captcha text, not yet issued: the adapter draws it, and issues it when it hands the picture out. */
    String newText();

    /** A captcha for {@code text}, a value of {@link #newText()} drawn once: it expires a lifetime from now. */
    IssuedCaptcha issue(String text);

    /** A captcha for a new text. */
    default IssuedCaptcha issue() {
        return issue(newText());
    }

    record IssuedCaptcha(String captchaId, String answer, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedCaptcha[" + captchaId + "]";
        }
    }
}
