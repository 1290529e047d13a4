package beian.verify.adapters.rest;

import beian.verify.core.port.in.IssueCaptchaUseCase.IssuedCaptcha;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Development environment only: remembers the answers of recent captchas so scripts can pass them
 * (storage keeps only a hash). Bounded, and each answer forgotten five minutes after issue.
 */
@Singleton
@Requires(env = Environment.DEVELOPMENT)
final class DevCaptchaAnswers implements CaptchaObserver {
    static final int CAPACITY = 1000;
    static final Duration KEPT = Duration.ofMinutes(5);

    private record Remembered(String answer, long issuedNanos) {
    }

    private final Map<String, Remembered> answers = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
            return size() > CAPACITY;
        }
    };

    @Override
    public synchronized void issued(IssuedCaptcha captcha) {
        answers.put(captcha.captchaId(), new Remembered(captcha.answer(), System.nanoTime()));
    }

    synchronized Optional<String> answer(String captchaId) {
        Remembered remembered = answers.get(captchaId);
        if (remembered == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - remembered.issuedNanos() > KEPT.toNanos()) {
            answers.remove(captchaId);
            return Optional.empty();
        }
        return Optional.of(remembered.answer());
    }
}
