package beian.verify.app.jobs;

import beian.verify.core.port.in.DispatchSmsUseCase;
import beian.verify.core.port.out.DispatchSignal;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands queued SMS to the carrier. One dispatcher thread per instance drains the outbox whenever the
 * core signals new messages (after the commit, so the first SMS leaves within milliseconds) and on a
 * short tick ({@link JobScheduler}) for retries and for messages another instance claimed and never
 * finished (its lease ran out). Instances share the work through the outbox's claims, never through
 * memory. When the service stops, the drain in progress hands back what it has not sent.
 */
@Singleton
@Requires(property = "beian.jobs.enabled", notEquals = "false")
public class SmsDispatchJob implements DispatchSignal {
    private static final Logger LOG = LoggerFactory.getLogger(SmsDispatchJob.class);

    private final DispatchSmsUseCase dispatcher;
    private final JobsProperties properties;
    /** Numbers the dispatcher threads, so logs (and tests running several instances in one JVM) tell them apart. */
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sms-dispatcher-" + INSTANCES.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    /** A drain is queued and has not started: further signals until it starts are the same drain. */
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** When a drain last ran to its end without failing (readiness reads it); the start counts as one. */
    private volatile Instant lastSuccess = Instant.now();

    SmsDispatchJob(DispatchSmsUseCase dispatcher, JobsProperties properties) {
        this.dispatcher = dispatcher;
        this.properties = properties;
    }

    @Override
    public void messagesQueued() {
        wake();
    }

    /** The safety-net tick. */
    void tick() {
        wake();
    }

    /** Starts a drain on the dispatcher thread unless one is already waiting to start; never blocks the caller. */
    void wake() {
        if (stopping.get()) {
            return; // the messages stay queued: the next instance or start sends them
        }
        if (queued.compareAndSet(false, true)) {
            try {
                thread.execute(this::drain);
            } catch (RejectedExecutionException e) {
                queued.set(false);
            }
        }
    }

    private void drain() {
        queued.set(false);
        try {
            Batches.drain("sms dispatch", properties.getBatchSize(),
                    size -> dispatcher.dispatch(size, stopping::get), LOG, stopping::get);
            lastSuccess = Instant.now();
        } catch (RuntimeException e) {
            if (stopping.get()) {
                LOG.info("sms dispatch: stopped during a batch ({}); what is left is sent after the lease", e.toString());
            } else {
                Batches.failed("sms dispatch", e, LOG);
            }
        }
    }

    /** When a drain last completed without failing. */
    public Instant lastSuccess() {
        return lastSuccess;
    }

    /** No new drain starts; the one in progress releases what it has not handed to the carrier. */
    void stopRequested() {
        stopping.set(true);
        thread.shutdown();
    }

    /** Waits for the drain in progress. */
    void awaitStopped(Duration grace) throws InterruptedException {
        if (!thread.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("sms dispatch: still sending after {}; its claims come back when their lease runs out", grace);
            thread.shutdownNow();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopRequested();
        awaitStopped(Duration.ofSeconds(10));
    }
}
