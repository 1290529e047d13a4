package beian.verify.app.jobs;

import beian.verify.core.port.in.RunDueWorkUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Returns applications whose verification deadline has come (VERIFICATION_TIMEOUT). */
@Singleton
@Requires(property = "beian.jobs.enabled", notEquals = "false")
public class ReturnJob {
    private static final Logger LOG = LoggerFactory.getLogger(ReturnJob.class);
    private final RunDueWorkUseCase dueWork;
    private final JobsProperties properties;

    ReturnJob(RunDueWorkUseCase dueWork, JobsProperties properties) {
        this.dueWork = dueWork;
        this.properties = properties;
    }

    @Scheduled(fixedDelay = "${beian.jobs.return-interval:5s}", initialDelay = "${beian.jobs.return-interval:5s}")
    void run() {
        try {
            Batches.drain("return at deadline", properties.getBatchSize(), dueWork::returnExpired, LOG);
        } catch (RuntimeException e) {
            LOG.error("return at deadline: batch failed, retried on the next tick", e);
        }
    }
}
