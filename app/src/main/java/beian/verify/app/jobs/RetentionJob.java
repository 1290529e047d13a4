package beian.verify.app.jobs;

import beian.verify.core.port.in.EraseExpiredPersonalDataUseCase;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention (DOMAIN.md "Privacy"): erases the personal data of applications closed longer than
 * {@code beian.retention.period}, a batch per transaction until none is left. Logs how many, never whose.
 * Several instances may run it at once: a batch one of them holds is skipped by the others.
 */
@Singleton
@Requires(property = "beian.jobs.enabled", notEquals = "false")
public class RetentionJob {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
    private final EraseExpiredPersonalDataUseCase retention;
    private final RetentionProperties properties;

    RetentionJob(EraseExpiredPersonalDataUseCase retention, RetentionProperties properties) {
        this.retention = retention;
        this.properties = properties;
    }

    /** One tick, run by {@link JobScheduler}. */
    void run() {
        try {
            Batches.drain("retention erasure", properties.getBatchSize(), retention::eraseExpired, LOG);
        } catch (RuntimeException e) {
            Batches.failed("retention erasure", e, LOG);
        }
    }
}
