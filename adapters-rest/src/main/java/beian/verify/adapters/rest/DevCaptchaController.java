package beian.verify.adapters.rest;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;

/** Development environment only: {@code GET /dev/captchas/{id}} gives the answer, so scripts can pass the captcha. */
@Controller("/dev/captchas")
@Requires(env = Environment.DEVELOPMENT)
@Hidden
class DevCaptchaController {
    @Serdeable
    record DevCaptchaAnswer(String answer) {
    }

    private final DevCaptchaAnswers answers;
    private final Problems problems;

    DevCaptchaController(DevCaptchaAnswers answers, Problems problems) {
        this.answers = answers;
        this.problems = problems;
    }

    @Get("/{captchaId}")
    HttpResponse<?> answer(String captchaId) {
        return answers.answer(captchaId)
                .<HttpResponse<?>>map(a -> HttpResponse.ok(new DevCaptchaAnswer(a)))
                .orElseGet(() -> problems.problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "captchaId",
                        "没有这个图形验证码 (unknown or expired captcha, or not issued by this instance)"));
    }
}
