package beian.verify.app.observability;

import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.OutboxBacklog;
import beian.verify.core.port.out.OutboxBacklog.Backlog;
import beian.verify.core.port.out.StorageUnavailableException;
import beian.verify.core.port.out.TransactionRunner;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The outbox's backlog, read at most once per {@code beian.health.outbox-read-interval} (default 5s) however
 * often Prometheus and the readiness probe ask: both look at the same reading.
 *
 * <p>The reading runs on a thread of its own. Readiness waits for it at most
 * {@code beian.health.outbox-read-wait} (default 500ms), then goes on with the last reading (or fails when
 * there is none yet): a health request never waits for the pool's connection timeout; the gauges wait
 * for the reading. Before, a
 * {@code /health} that came when the database had just died, before the readiness check noticed, waited
 * 2–4 s for the backlog (DatabaseOutageTest, under load).
 */
@Singleton
class OutboxWatch {
    private record Reading(Instant at, Backlog backlog) {
    }

    private final OutboxBacklog backlog;
    private final TransactionRunner transactions;
    private final AppClock clock;
    private final Duration interval;
    private final Duration wait;
    private final AtomicReference<Reading> last = new AtomicReference<>();
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-watch");
        t.setDaemon(true);
        return t;
    });
    private Future<Reading> pending;

    OutboxWatch(OutboxBacklog backlog, TransactionRunner transactions, AppClock clock,
                @Value("${beian.health.outbox-read-interval:5s}") Duration interval,
                @Value("${beian.health.outbox-read-wait:500ms}") Duration wait) {
        this.backlog = backlog;
        this.transactions = transactions;
        this.clock = clock;
        this.interval = interval;
        this.wait = wait;
    }

    /** Messages due now (the gauges: they wait for the reading). */
    long due() {
        return read(false).backlog().due();
    }

    /** How long the oldest due message has waited; zero when none (the gauges: they wait for the reading). */
    Duration oldestAge() {
        return age(read(false));
    }

    /** What readiness shows: messages due and the oldest's age, waiting at most {@code outbox-read-wait}. */
    Snapshot snapshot() {
        Reading reading = read(true);
        return new Snapshot(reading.backlog().due(), age(reading));
    }

    record Snapshot(long due, Duration oldestAge) {
    }

    private static Duration age(Reading reading) {
        return reading.backlog().oldestDueAt().map(at -> Duration.between(at, reading.at()))
                .filter(d -> !d.isNegative()).orElse(Duration.ZERO);
    }

    private Reading read(boolean bounded) {
        Instant now = clock.now();
        Reading reading = last.get();
        if (reading != null && reading.at().plus(interval).isAfter(now) && !reading.at().isAfter(now)) {
            return reading;
        }
        try {
            Future<Reading> refresh = refresh(now);
            return bounded ? refresh.get(wait.toMillis(), TimeUnit.MILLISECONDS) : refresh.get();
        } catch (TimeoutException e) {
            if (reading != null) {
                return reading; // the reading goes on; the next caller gets it
            }
            throw new StorageUnavailableException("the outbox backlog was not read within " + wait, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the outbox backlog", e);
        }
    }

    /** The reading under way, or a new one: one at a time, however many callers wait. */
    private synchronized Future<Reading> refresh(Instant now) {
        if (pending == null || pending.isDone()) {
            pending = reader.submit(() -> {
                Reading reading = new Reading(now, transactions.inTransaction(() -> backlog.at(now)));
                last.set(reading);
                return reading;
            });
        }
        return pending;
    }

    @PreDestroy
    void stop() {
        reader.shutdownNow();
    }
}
