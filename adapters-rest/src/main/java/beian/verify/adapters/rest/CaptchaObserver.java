package beian.verify.adapters.rest;

import beian.verify.core.port.in.IssueCaptchaUseCase.IssuedCaptcha;

/** Told of each captcha the platform hands out; the dev environment remembers answers with it. */
interface CaptchaObserver {
    void issued(IssuedCaptcha captcha);
}
