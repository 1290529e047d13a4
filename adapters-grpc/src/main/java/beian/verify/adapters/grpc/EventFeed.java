package beian.verify.adapters.grpc;

import beian.verify.adapters.grpc.v1.Event;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.RecordedEvent;
import beian.verify.core.port.in.ReadEventsUseCase;
import beian.verify.core.port.in.ReadEventsUseCase.ReadEventsQuery;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerShutdownEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves WatchEvents without a thread per watcher: a small shared scheduler polls the event store
 * for each live watcher (so events written by any instance of the service arrive within one poll
 * interval) and sends only while the client's stream is ready, resuming from its on-ready signal.
 * A slow client therefore holds at most one page of events here, never an unbounded backlog.
 *
 * <p>Each provider (all its keys together) may hold at most {@code beian.grpc.watch.max-per-provider}
 * open watches on this instance; one more is refused with RESOURCE_EXHAUSTED, so one key cannot take
 * every polling slot and database read of the feed.
 */
@Singleton
class EventFeed {
    private final ReadEventsUseCase events;
    private final Duration pollInterval;
    private final int pageSize;
    private final ScheduledExecutorService scheduler;
    private final int maxPerProvider;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    /** Open watches per provider; changed only under its own lock. */
    private final Map<ProviderId, Integer> open = new HashMap<>();

    EventFeed(ReadEventsUseCase events,
              @Value("${beian.grpc.watch.poll-interval:200ms}") Duration pollInterval,
              @Value("${beian.grpc.watch.page-size:100}") int pageSize,
              @Value("${beian.grpc.watch.threads:2}") int threads,
              @Value("${beian.grpc.watch.max-per-provider:20}") int maxPerProvider) {
        if (maxPerProvider < 1) {
            throw new IllegalArgumentException("beian.grpc.watch.max-per-provider: must be at least 1, was " + maxPerProvider);
        }
        this.events = events;
        this.maxPerProvider = maxPerProvider;
        this.pollInterval = pollInterval;
        this.pageSize = pageSize;
        AtomicInteger number = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(threads, task -> {
            Thread thread = new Thread(task, "grpc-event-feed-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts following the provider's events after {@code afterSequence} on this call; returns at once. */
    void watch(ProviderId provider, long afterSequence, ServerCallStreamObserver<Event> observer) {
        synchronized (open) {
            int already = open.getOrDefault(provider, 0);
            if (already >= maxPerProvider) {
                observer.onError(Status.RESOURCE_EXHAUSTED.withDescription("at most " + maxPerProvider
                        + " open WatchEvents per provider (beian.grpc.watch.max-per-provider): cancel one first")
                        .asRuntimeException());
                return;
            }
            open.put(provider, already + 1);
        }
        Watch watch = new Watch(provider, afterSequence, observer);
        // Both handlers must be set before the service method returns.
        observer.setOnCancelHandler(watch::cancel);
        observer.setOnReadyHandler(() -> scheduler.execute(watch::pump));
        watches.add(watch);
        watch.start();
    }

    /** How many watchers are being served (they leave when their client cancels). */
    int watching() {
        return watches.size();
    }

    /** Where each watcher has read the store up to: what is sent plus at most one page held back. */
    List<Long> positions() {
        return watches.stream().map(watch -> watch.lastRead).toList();
    }

    /**
     * The gRPC server announces its stop before it waits (up to 30 s) for open calls to end: end
     * the watches then, telling clients to come back, instead of holding the shutdown up.
     */
    @EventListener
    void onServerShutdown(ServerShutdownEvent event) {
        close();
    }

    void close() {
        for (Watch watch : List.copyOf(watches)) {
            watch.fail(Status.UNAVAILABLE.withDescription("the server is shutting down: watch again with after_sequence")
                    .asRuntimeException());
        }
    }

    @PreDestroy
    void stop() {
        close();
        scheduler.shutdownNow();
    }

    /** One watcher: its position, the page read but not yet sent, and its polling task. */
    private final class Watch {
        private final ProviderId provider;
        private final ServerCallStreamObserver<Event> observer;
        private final ArrayDeque<Event> unsent = new ArrayDeque<>();
        private volatile long lastRead;
        private volatile boolean closed;
        private volatile ScheduledFuture<?> polling;

        Watch(ProviderId provider, long afterSequence, ServerCallStreamObserver<Event> observer) {
            this.provider = provider;
            this.lastRead = afterSequence;
            this.observer = observer;
        }

        void start() {
            polling = scheduler.scheduleWithFixedDelay(this::pump, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            if (closed) {
                stop(); // cancelled before the task existed
            }
        }

        /** Sends what the client can take now; reads the next page only when the last one is sent. */
        synchronized void pump() {
            if (closed) {
                return;
            }
            try {
                while (observer.isReady() && !closed) {
                    if (unsent.isEmpty()) {
                        List<RecordedEvent> page = events.read(new ReadEventsQuery(provider, lastRead, pageSize));
                        if (page.isEmpty()) {
                            return; // caught up: the next tick looks again
                        }
                        page.forEach(event -> unsent.add(GrpcMapper.event(event)));
                        lastRead = page.get(page.size() - 1).sequence();
                    }
                    observer.onNext(unsent.poll());
                }
            } catch (RuntimeException e) {
                fail(GrpcErrors.unexpected("WatchEvents", e));
            }
        }

        void cancel() {
            closed = true;
            stop();
        }

        synchronized void fail(RuntimeException status) {
            if (closed) {
                return;
            }
            closed = true;
            stop();
            try {
                observer.onError(status);
            } catch (RuntimeException alreadyClosed) {
                // the call ended meanwhile: nobody left to tell
            }
        }

        private void stop() {
            ScheduledFuture<?> task = polling;
            if (task != null) {
                task.cancel(false);
            }
            if (watches.remove(this)) {
                synchronized (open) {
                    open.computeIfPresent(provider, (p, n) -> n > 1 ? n - 1 : null);
                }
            }
        }
    }
}
