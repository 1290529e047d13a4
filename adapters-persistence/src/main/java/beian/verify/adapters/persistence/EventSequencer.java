package beian.verify.adapters.persistence;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives committed events their per-provider sequences. Appenders insert events without one (so a
 * provider's writes no longer commit one after another); this single writer stamps them in
 * insertion order, one transaction at a time across every instance (each stamping transaction
 * locks the {@code event_sequencer} row), and advances the provider's {@code event_stream} counter.
 * Readers see only stamped events, and each stamping transaction commits its sequences at once,
 * so a reader that has seen sequence N never later finds a smaller one, and never a gap.
 *
 * <p>Woken after every commit that appended events (so watchers see them within milliseconds), and
 * every {@code beian.events.sequencer.idle-poll} besides, which also picks up events appended by
 * an instance that stopped before stamping them.
 */
@Context
class EventSequencer {
    private static final Logger LOG = LoggerFactory.getLogger(EventSequencer.class);

    private final TransactionOperations<Connection> transactions;
    private final EventRows rows;
    private final int batchSize;
    private final Duration idlePoll;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    EventSequencer(TransactionOperations<Connection> transactions, EventRows rows,
                   @Value("${beian.events.sequencer.batch-size:1000}") int batchSize,
                   @Value("${beian.events.sequencer.idle-poll:200ms}") Duration idlePoll) {
        this.transactions = transactions;
        this.rows = rows;
        this.batchSize = batchSize;
        this.idlePoll = idlePoll;
    }

    @PostConstruct
    void start() {
        running = true;
        worker = new Thread(this::loop, "event-sequencer");
        worker.setDaemon(true);
        worker.start();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        worker.interrupt();
        worker.join(5_000);
    }

    /** An appending transaction committed: stamp at once rather than at the next idle poll. */
    void eventsCommitted() {
        wake.release();
    }

    /** Stamps every event committed so far, a batch per transaction; the number stamped. */
    int sequenceCommitted() {
        int total = 0;
        int stamped;
        do {
            stamped = transactions.executeWrite(status -> stampBatch());
            total += stamped;
        } while (stamped == batchSize);
        return total;
    }

    private int stampBatch() {
        rows.lockSequencer();
        List<EventRow> pending = rows.unstamped(batchSize);
        Map<String, Long> last = new HashMap<>();
        for (EventRow e : pending) {
            long next = last.computeIfAbsent(e.provider(), p -> {
                Long stored = rows.lastSequence(p);
                return stored == null ? 0L : stored;
            }) + 1;
            last.put(e.provider(), next);
            rows.stamp(e.id(), next);
        }
        last.forEach(rows::setLastSequence);
        return pending.size();
    }

    private void loop() {
        while (running) {
            try {
                wake.tryAcquire(idlePoll.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits(); // one pass stamps everything the wake-ups so far announced
                sequenceCommitted();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("stamping event sequences failed; retrying in a second", e);
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }
}
