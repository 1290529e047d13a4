package beian.verify.adapters.rest;

import beian.verify.core.port.in.IssueCaptchaUseCase;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captcha pictures drawn ahead of time, so a page's request neither draws nor encodes one: a
 * bounded queue of new texts with their PNGs, refilled by background threads. Each picture is
 * handed out once (the core issues its text only then, so its lifetime starts at hand-out); when
 * the queue is empty the request draws its own. Pictures are never shared, so the captcha is as
 * hard to read by machine as one drawn on the request.
 */
@Singleton
final class CaptchaPool {
    private static final Logger LOG = LoggerFactory.getLogger(CaptchaPool.class);

    /** A text and its picture (PNG, base64), not yet issued. */
    record Drawn(String text, String pngBase64) {
        @Override
        public String toString() {
            return "Drawn[]";
        }
    }

    private final IssueCaptchaUseCase captchas;
    private final CaptchaRenderer renderer = new CaptchaRenderer();
    private final BlockingQueue<Drawn> ready;
    private final List<Thread> refillers = new ArrayList<>();
    private volatile boolean running = true;

    CaptchaPool(IssueCaptchaUseCase captchas,
                @Value("${beian.rest.captcha-pool.size:512}") int size,
                @Value("${beian.rest.captcha-pool.threads:1}") int threads) {
        this.captchas = captchas;
        this.ready = new ArrayBlockingQueue<>(Math.max(1, size));
        for (int i = 0; size > 0 && i < threads; i++) {
            Thread t = new Thread(this::refill, "captcha-pool-" + i);
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY); // requests first; the pool fills in idle time
            refillers.add(t);
            t.start();
        }
    }

    /** A picture drawn ahead if one is ready, else one drawn now. */
    Drawn take() {
        Drawn d = ready.poll();
        return d != null ? d : draw();
    }

    private Drawn draw() {
        String text = captchas.newText();
        return new Drawn(text, Base64.getEncoder().encodeToString(renderer.png(text)));
    }

    private void refill() {
        while (running) {
            try {
                ready.put(draw());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return; // stopping: a drawing cut short is no failure
                }
                LOG.warn("drawing a captcha ahead failed", e);
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        refillers.forEach(Thread::interrupt);
    }
}
