package beian.verify.adapters.rest;

import beian.verify.core.port.in.IssueCaptchaUseCase;
import beian.verify.core.port.in.IssueCaptchaUseCase.IssuedCaptcha;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * Issues a captcha with its picture: the one path for {@code POST /api/v1/captchas} and for the page,
 * which is served with one already in it so its picture is there at first paint. The caller applies
 * the captcha rate limit first.
 */
@Singleton
final class CaptchaIssuer {
    /** An issued captcha: its id, its picture (PNG, base64) and when it expires. */
    record Issued(String captchaId, String pngBase64, Instant expiresAt) {
    }

    private final IssueCaptchaUseCase captchas;
    private final CaptchaPool pool;
    private final List<CaptchaObserver> observers;

    CaptchaIssuer(IssueCaptchaUseCase captchas, CaptchaPool pool, List<CaptchaObserver> observers) {
        this.captchas = captchas;
        this.pool = pool;
        this.observers = observers;
    }

    Issued issue() {
        CaptchaPool.Drawn drawn = pool.take(); // drawn ahead: no drawing on the request
        IssuedCaptcha captcha = captchas.issue(drawn.text());
        observers.forEach(o -> o.issued(captcha));
        return new Issued(captcha.captchaId(), drawn.pngBase64(), captcha.expiresAt());
    }
}
