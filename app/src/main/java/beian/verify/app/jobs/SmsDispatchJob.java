package beian.verify.app.jobs;

import beian.verify.core.port.in.DispatchSmsUseCase;
import beian.verify.core.port.out.DispatchSignal;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
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
 * short tick for retries and for messages another instance claimed and never finished (its lease ran
 * out). Instances share the work through the outbox's claims, never through memory.
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

    SmsDispatchJob(DispatchSmsUseCase dispatcher, JobsProperties properties) {
        this.dispatcher = dispatcher;
        this.properties = properties;
    }

    @Override
    public void messagesQueued() {
        wake();
    }

    @Scheduled(fixedDelay = "${beian.jobs.dispatch-interval:1s}", initialDelay = "${beian.jobs.dispatch-interval:1s}")
    void tick() {
        wake();
    }

    /** Starts a drain on the dispatcher thread unless one is already waiting to start; never blocks the caller. */
    void wake() {
        if (queued.compareAndSet(false, true)) {
            try {
                thread.execute(this::drain);
            } catch (RejectedExecutionException e) {
                queued.set(false); // shutting down: the next instance or start picks the messages up
            }
        }
    }

    private void drain() {
        queued.set(false);
        try {
            Batches.drain("sms dispatch", properties.getBatchSize(), dispatcher::dispatch, LOG);
        } catch (RuntimeException e) {
            Batches.failed("sms dispatch", e, LOG);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }
}
