package beian.verify.app.jobs;

import beian.verify.core.port.in.PurgeExpiredCaptchasUseCase;
import beian.verify.core.port.in.PurgeExpiredCountersUseCase;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops captchas that expired unanswered, request windows that ended and per-network miss counts
 * that no longer count, so those tables hold only live rows.
 */
@Singleton
@Requires(property = "beian.jobs.enabled", notEquals = "false")
public class CaptchaPurgeJob {
    private static final Logger LOG = LoggerFactory.getLogger(CaptchaPurgeJob.class);
    private final PurgeExpiredCaptchasUseCase captchas;
    private final PurgeExpiredCountersUseCase counters;

    CaptchaPurgeJob(PurgeExpiredCaptchasUseCase captchas, PurgeExpiredCountersUseCase counters) {
        this.captchas = captchas;
        this.counters = counters;
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
        try {
            int purged = counters.purgeExpired();
            if (purged > 0) {
                LOG.debug("counter purge: {} request windows and idle network counts dropped", purged);
            }
        } catch (RuntimeException e) {
            Batches.failed("counter purge", e, LOG);
        }
    }
}
