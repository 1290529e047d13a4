package beian.verify.app.jobs;

import beian.verify.core.port.in.SendAutoResendsUseCase;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The automatic resend at noon (Asia/Shanghai) the day after submission. What is due is read from storage
 * on each tick, so a service that was down over noon sends it when it starts again, if before the deadline.
 */
@Singleton
@Requires(property = "beian.jobs.enabled", notEquals = "false")
public class AutoResendJob {
    private static final Logger LOG = LoggerFactory.getLogger(AutoResendJob.class);
    private final SendAutoResendsUseCase autoResends;
    private final JobsProperties properties;

    AutoResendJob(SendAutoResendsUseCase autoResends, JobsProperties properties) {
        this.autoResends = autoResends;
        this.properties = properties;
    }

    /** One tick, run by {@link JobScheduler}. */
    void run() {
        try {
            Batches.drain("auto resend", properties.getBatchSize(), autoResends::sendAutoResends, LOG);
        } catch (RuntimeException e) {
            Batches.failed("auto resend", e, LOG);
        }
    }
}
