package beian.verify.adapters.persistence;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
 * an instance that stopped before stamping them. Public only so that tests of other modules on the
 * real storage can make committed events readable at once ({@code testing.EventSequencing}).
 */
@Context
public class EventSequencer implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(EventSequencer.class);

    private final TransactionOperations<Connection> transactions;
    private final EventRows rows;
    private final int batchSize;
    private final Duration idlePoll;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;
    private boolean failing; // the worker's own: a failure is logged once, not every second

    EventSequencer(TransactionOperations<Connection> transactions, EventRows rows,
                   @Value("${beian.events.sequencer.batch-size:1000}") int batchSize,
                   @Value("${beian.events.sequencer.idle-poll:200ms}") Duration idlePoll) {
        this.transactions = transactions;
        this.rows = rows;
        this.batchSize = batchSize;
        this.idlePoll = idlePoll;
    }

    /** Starts once the context has started, so the migrations have run. */
    @Override
    public void onApplicationEvent(StartupEvent event) {
        start();
    }

    private synchronized void start() {
        if (worker == null) {
            running = true;
            worker = new Thread(this::loop, "event-sequencer");
            worker.setDaemon(true);
            worker.start();
        }
    }

    @PreDestroy
    synchronized void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** An appending transaction committed: stamp at once rather than at the next idle poll. */
    void eventsCommitted() {
        wake.release();
    }

    /** Stamps every event committed so far, a batch per transaction; the number stamped. */
    public int sequenceCommitted() {
        int total = 0;
        int stamped;
        do {
            stamped = transactions.executeWrite(status -> stampBatch(status.getConnection()));
            total += stamped;
        } while (stamped == batchSize);
        return total;
    }

    /**
     * The stamps go as one JDBC batch: on MySQL Connector/J with {@code rewriteBatchedStatements}
     * ({@link ConnectorOptions}) a round trip for the whole batch instead of one per event, so stamping
     * 100 thousand returned applications' events does not load the database with as many statements.
     */
    private int stampBatch(Connection connection) {
        rows.lockSequencer();
        List<EventRow> pending = rows.unstamped(batchSize);
        if (pending.isEmpty()) {
            return 0;
        }
        Map<String, Long> last = new HashMap<>();
        try (PreparedStatement stamp = connection.prepareStatement(EventRows.STAMP)) {
            for (EventRow e : pending) {
                long next = last.computeIfAbsent(e.provider(), p -> {
                    Long stored = rows.lastSequence(p);
                    return stored == null ? 0L : stored;
                }) + 1;
                last.put(e.provider(), next);
                stamp.setLong(1, next);
                stamp.setLong(2, e.id());
                stamp.addBatch();
            }
            stamp.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("provider_event: stamping failed: " + e.getMessage(), e);
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
                failing = false;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!failing) {
                    LOG.warn("stamping event sequences failed; retrying every second", e);
                }
                failing = true;
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }
}
