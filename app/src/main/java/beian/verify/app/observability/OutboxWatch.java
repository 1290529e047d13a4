package beian.verify.app.observability;

import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.OutboxBacklog;
import beian.verify.core.port.out.OutboxBacklog.Backlog;
import beian.verify.core.port.out.TransactionRunner;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The outbox's backlog, read at most once per {@code beian.health.outbox-read-interval} (default 5s) however
 * often Prometheus and the readiness probe ask: both look at the same reading.
 */
@Singleton
class OutboxWatch {
    private record Reading(Instant at, Backlog backlog) {
    }

    private final OutboxBacklog backlog;
    private final TransactionRunner transactions;
    private final AppClock clock;
    private final Duration interval;
    private final AtomicReference<Reading> last = new AtomicReference<>();

    OutboxWatch(OutboxBacklog backlog, TransactionRunner transactions, AppClock clock,
                @Value("${beian.health.outbox-read-interval:5s}") Duration interval) {
        this.backlog = backlog;
        this.transactions = transactions;
        this.clock = clock;
        this.interval = interval;
    }

    /** Messages due now. */
    long due() {
        return read().backlog().due();
    }

    /** How long the oldest due message has waited; zero when none. */
    Duration oldestAge() {
        Reading reading = read();
        return reading.backlog().oldestDueAt().map(at -> Duration.between(at, reading.at()))
                .filter(d -> !d.isNegative()).orElse(Duration.ZERO);
    }

    private Reading read() {
        Instant now = clock.now();
        Reading reading = last.get();
        if (reading == null || !reading.at().plus(interval).isAfter(now) || reading.at().isAfter(now)) {
            reading = new Reading(now, transactions.inTransaction(() -> backlog.at(now)));
            last.set(reading);
        }
        return reading;
    }
}
