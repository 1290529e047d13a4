package beian.verify.app.jobs;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scheduled jobs on a thread of its own, and stops them first when the service stops.
 *
 * <p>Why not {@code @Scheduled}: Micronaut's scheduled tasks look their bean up in the context on each
 * tick and are cancelled only when the scheduler's own bean is destroyed, late in the shutdown; a tick
 * that fires in between fails ("Cannot resolve beans until the context is running") and logs an
 * ERROR. Here the jobs are held directly, started once the context has started, and on the
 * {@link ShutdownEvent} (published before any bean is destroyed) no new run starts, the run in
 * progress finishes (the dispatcher releases what it has not sent), and only then does the context go on
 * closing.
 */
@Singleton
@Requires(property = "beian.jobs.enabled", notEquals = "false")
class JobScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);
    /** How long a stop waits for the run in progress (a carrier call times out well before). */
    static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final JobsProperties properties;
    private final SmsDispatchJob dispatch;
    private final AutoResendJob autoResend;
    private final ReturnJob returns;
    private final CaptchaPurgeJob captchaPurge;
    private final RetentionJob retention;
    private final RetentionProperties retentionProperties;
    private final AtomicBoolean started = new AtomicBoolean();
    private final ScheduledThreadPoolExecutor ticks;

    JobScheduler(JobsProperties properties, SmsDispatchJob dispatch, AutoResendJob autoResend, ReturnJob returns,
                 CaptchaPurgeJob captchaPurge, RetentionJob retention, RetentionProperties retentionProperties) {
        this.properties = properties;
        this.dispatch = dispatch;
        this.autoResend = autoResend;
        this.returns = returns;
        this.captchaPurge = captchaPurge;
        this.retention = retention;
        this.retentionProperties = retentionProperties;
        this.ticks = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "beian-jobs");
            t.setDaemon(true);
            return t;
        });
        ticks.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        ticks.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        start();
    }

    /** Schedules every job; once. */
    void start() {
        if (!started.compareAndSet(false, true) || ticks.isShutdown()) {
            return;
        }
        every(properties.getDispatchInterval(), dispatch::tick);
        every(properties.getAutoResendInterval(), autoResend::run);
        every(properties.getReturnInterval(), returns::run);
        every(properties.getCaptchaPurgeInterval(), captchaPurge::run);
        every(retentionProperties.getInterval(), retention::run);
    }

    private void every(Duration interval, Runnable job) {
        long millis = interval.toMillis();
        ticks.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                LOG.error("scheduled job failed, it runs again on the next tick", e); // each job logs its own; a guard
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Stops the jobs before any bean goes: no new run, the runs in progress finish, claims are released. */
    @EventListener
    void onShutdown(ShutdownEvent event) {
        stop();
    }

    void stop() {
        if (ticks.isShutdown()) {
            return;
        }
        ticks.shutdown();
        dispatch.stopRequested();
        try {
            if (!ticks.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("a scheduled job was still running after {}; stopping without it", STOP_GRACE);
                ticks.shutdownNow();
            }
            dispatch.awaitStopped(STOP_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("scheduled jobs stopped");
    }
}
