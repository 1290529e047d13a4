package beian.verify.app.jobs;

import beian.verify.core.port.in.PurgeExpiredCaptchasUseCase;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Drops captchas that expired unanswered, so the table holds only live challenges. */
@Singleton
@Requires(property = "beian.jobs.enabled", notEquals = "false")
public class CaptchaPurgeJob {
    private static final Logger LOG = LoggerFactory.getLogger(CaptchaPurgeJob.class);
    private final PurgeExpiredCaptchasUseCase captchas;

    CaptchaPurgeJob(PurgeExpiredCaptchasUseCase captchas) {
        this.captchas = captchas;
    }

    /** One tick, run by {@link JobScheduler}. */
    void run() {
        try {
            int purged = captchas.purgeExpired();
            if (purged > 0) {
                LOG.debug("captcha purge: {} expired captchas dropped", purged);
            }
        } catch (RuntimeException e) {
            Batches.failed("captcha purge", e, LOG);
        }
    }
}
