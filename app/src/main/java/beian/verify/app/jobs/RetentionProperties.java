package beian.verify.app.jobs;

import beian.verify.core.domain.RetentionPeriod;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code beian.retention.*}: how long the personal data of a closed application is kept (DOMAIN.md
 * "Privacy"; docs/configuration.md), and how the erasing job goes about it.
 */
@ConfigurationProperties("beian.retention")
public class RetentionProperties {
    private Duration period = RetentionPeriod.DEFAULT;
    private int batchSize = 500;
    private Duration interval = Duration.ofMinutes(10);

    /** Kept this long after closing (RETURNED, APPROVED, REJECTED); at least a day. */
    public Duration getPeriod() { return period; }
    public void setPeriod(Duration period) {
        try {
            new RetentionPeriod(period);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("beian.retention.period: " + e.getMessage(), e);
        }
        this.period = period;
    }
    /** Applications (or audit records naming none) erased per transaction. */
    public int getBatchSize() { return batchSize; }
    public void setBatchSize(int batchSize) {
        if (batchSize < 1 || batchSize > 5000) {
            throw new IllegalArgumentException("beian.retention.batch-size must be between 1 and 5000, not " + batchSize);
        }
        this.batchSize = batchSize;
    }
    /** How often the job looks for applications past the period; each run erases all it finds, batch after batch. */
    public Duration getInterval() { return interval; }
    public void setInterval(Duration interval) { this.interval = interval; }

    public RetentionPeriod toPeriod() {
        return new RetentionPeriod(period);
    }
}
