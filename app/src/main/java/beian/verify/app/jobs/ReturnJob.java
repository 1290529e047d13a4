package beian.verify.app.jobs;

import beian.verify.core.port.in.ReturnExpiredApplicationsUseCase;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Returns applications whose verification deadline has come (VERIFICATION_TIMEOUT). */
@Singleton
@Requires(property = "beian.jobs.enabled", notEquals = "false")
public class ReturnJob {
    private static final Logger LOG = LoggerFactory.getLogger(ReturnJob.class);
    private final ReturnExpiredApplicationsUseCase returns;
    private final JobsProperties properties;

    ReturnJob(ReturnExpiredApplicationsUseCase returns, JobsProperties properties) {
        this.returns = returns;
        this.properties = properties;
    }

    /** One tick, run by {@link JobScheduler}. */
    void run() {
        try {
            Batches.drain("return at deadline", properties.getReturnBatchSize(), returns::returnExpired, LOG);
        } catch (RuntimeException e) {
            Batches.failed("return at deadline", e, LOG);
        }
    }
}
