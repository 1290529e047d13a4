package beian.verify.app.jobs;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code beian.jobs.*}: the scheduled work. {@code enabled: false} turns every job (and the dispatcher's
 * wake-up on new messages) off, for tests that drive the use cases themselves.
 */
@ConfigurationProperties("beian.jobs")
public class JobsProperties {
    private boolean enabled = true;
    private int batchSize = 100;
    private int returnBatchSize = 500;
    private Duration dispatchInterval = Duration.ofSeconds(1);
    private Duration autoResendInterval = Duration.ofSeconds(5);
    private Duration returnInterval = Duration.ofSeconds(5);
    private Duration captchaPurgeInterval = Duration.ofMinutes(1);

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    /** Items per transaction batch; a job keeps taking batches until one comes back short. */
    public int getBatchSize() { return batchSize; }
    public void setBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("beian.jobs.batch-size must be at least 1");
        }
        this.batchSize = batchSize;
    }
    /**
     * Applications per transaction of the return at the deadline. Larger than {@link #getBatchSize}: a
     * batch costs about a dozen round trips whatever its size (its rows and their events are written in
     * one each), so at 100 the fixed cost was most of the time of 100 thousand falling due at once
     * (issue 10; docs/scaling.md). It holds the batch's rows locked for the batch's fraction of a second.
     */
    public int getReturnBatchSize() { return returnBatchSize; }
    public void setReturnBatchSize(int returnBatchSize) {
        if (returnBatchSize < 1) {
            throw new IllegalArgumentException("beian.jobs.return-batch-size must be at least 1");
        }
        this.returnBatchSize = returnBatchSize;
    }
    /** The dispatcher's safety-net tick: retries and messages whose lease ran out (new ones wake it at once). */
    public Duration getDispatchInterval() { return dispatchInterval; }
    public void setDispatchInterval(Duration dispatchInterval) { this.dispatchInterval = dispatchInterval; }
    public Duration getAutoResendInterval() { return autoResendInterval; }
    public void setAutoResendInterval(Duration autoResendInterval) { this.autoResendInterval = autoResendInterval; }
    public Duration getReturnInterval() { return returnInterval; }
    public void setReturnInterval(Duration returnInterval) { this.returnInterval = returnInterval; }
    public Duration getCaptchaPurgeInterval() { return captchaPurgeInterval; }
    public void setCaptchaPurgeInterval(Duration captchaPurgeInterval) { this.captchaPurgeInterval = captchaPurgeInterval; }
}
