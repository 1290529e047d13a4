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
import java.util.ArrayList;
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
 * Serves WatchEvents without a thread per watcher and without a store read per watcher. The
 * watchers of one provider share a {@link Tail}: a small shared scheduler polls the event store
 * once per interval per provider (so events written by any instance of the service arrive within
 * one poll interval), keeps the newest events in a bounded window, and hands each watcher that is
 * caught up its events from there. A watcher further behind than the window reads the store
 * itself, a page at a time, until it catches up. Each watcher sends only while its client's stream
 * is ready, resuming from its on-ready signal, so a slow client holds at most one page of events
 * here, never an unbounded backlog.
 *
 * <p>Each provider (all its keys together) may hold at most {@code beian.grpc.watch.max-per-provider}
 * open watches on this instance; one more is refused with RESOURCE_EXHAUSTED, so one key cannot take
 * the feed's threads and its own reads of the store for everyone.
 */
@Singleton
class EventFeed {
    private final ReadEventsUseCase events;
    private final Duration pollInterval;
    private final int pageSize;
    private final int windowSize;
    private final int maxPerProvider;
    private final ScheduledExecutorService scheduler;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final Map<ProviderId, Tail> tails = new ConcurrentHashMap<>();

    EventFeed(ReadEventsUseCase events,
              @Value("${beian.grpc.watch.poll-interval:200ms}") Duration pollInterval,
              @Value("${beian.grpc.watch.page-size:100}") int pageSize,
              @Value("${beian.grpc.watch.window:1000}") int windowSize,
              @Value("${beian.grpc.watch.threads:2}") int threads,
              @Value("${beian.grpc.watch.max-per-provider:20}") int maxPerProvider) {
        if (maxPerProvider < 1) {
            throw new IllegalArgumentException("beian.grpc.watch.max-per-provider: must be at least 1, was " + maxPerProvider);
        }
        this.events = events;
        this.maxPerProvider = maxPerProvider;
        this.pollInterval = pollInterval;
        this.pageSize = pageSize;
        this.windowSize = Math.max(windowSize, pageSize);
        AtomicInteger number = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(threads, task -> {
            Thread thread = new Thread(task, "grpc-event-feed-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts following the provider's events after {@code afterSequence} on this call; returns at once. */
    void watch(ProviderId provider, long afterSequence, ServerCallStreamObserver<Event> observer) {
        Watch watch = new Watch(afterSequence, observer);
        // Both handlers must be set before the service method returns.
        observer.setOnCancelHandler(watch::cancel);
        observer.setOnReadyHandler(() -> scheduler.execute(watch::pump));
        boolean[] admitted = {false};
        tails.compute(provider, (key, tail) -> {
            Tail joined = tail == null ? new Tail(key) : tail;
            if (joined.members.size() >= maxPerProvider) {
                return tail;
            }
            watches.add(watch);
            joined.join(watch);
            admitted[0] = true;
            return joined;
        });
        if (!admitted[0]) {
            observer.onError(Status.RESOURCE_EXHAUSTED.withDescription("at most " + maxPerProvider
                    + " open WatchEvents per provider (beian.grpc.watch.max-per-provider): cancel one first")
                    .asRuntimeException());
            return;
        }
        scheduler.execute(watch::pump);
    }

    /** How many watchers are being served (they leave when their client cancels). */
    int watching() {
        return watches.size();
    }

    /** Where each watcher has read up to: what is sent plus at most one page held back. */
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

    /**
     * The watchers of one provider and the newest events of its stream: sequences
     * {@code first..head}, gap-free, at most {@code windowSize} of them. {@code head} is unknown
     * ({@code -1}) until a watcher has caught up with the store, so a tail never reads a history
     * nobody asked for.
     */
    private final class Tail {
        private final ProviderId provider;
        private final Set<Watch> members = ConcurrentHashMap.newKeySet();
        private final ArrayDeque<RecordedEvent> window = new ArrayDeque<>();
        private long head = -1;
        private ScheduledFuture<?> polling;

        Tail(ProviderId provider) {
            this.provider = provider;
        }

        /** Called under the map's lock for this provider. */
        void join(Watch watch) {
            watch.tail = this;
            members.add(watch);
            if (polling == null) {
                polling = scheduler.scheduleWithFixedDelay(this::tick, pollInterval.toMillis(), pollInterval.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }

        void leave(Watch watch) {
            tails.computeIfPresent(provider, (key, tail) -> {
                tail.members.remove(watch);
                if (!tail.members.isEmpty()) {
                    return tail;
                }
                tail.polling.cancel(false);
                return null; // the last watcher left: stop polling, forget the window
            });
        }

        /** One poll of the store for every watcher of this provider, then each takes what is new. */
        void tick() {
            try {
                readNew();
            } catch (RuntimeException e) {
                for (Watch watch : List.copyOf(members)) {
                    watch.fail(GrpcErrors.unexpected("WatchEvents", e));
                }
                return;
            }
            for (Watch watch : List.copyOf(members)) {
                watch.pump();
            }
        }

        /** Reads what the store has after the head, up to one window's worth a tick. */
        private void readNew() {
            long from;
            synchronized (this) {
                if (head < 0) {
                    return; // no watcher has caught up yet: they read the store themselves
                }
                from = head;
            }
            int read = 0;
            while (read < windowSize) {
                List<RecordedEvent> page = events.read(new ReadEventsQuery(provider, from, pageSize));
                synchronized (this) {
                    for (RecordedEvent event : page) {
                        if (event.sequence() == head + 1) {
                            window.addLast(event);
                            head = event.sequence();
                        }
                    }
                    while (window.size() > windowSize) {
                        window.removeFirst();
                    }
                    from = head;
                }
                read += page.size();
                if (page.size() < pageSize) {
                    return;
                }
            }
        }

        /**
         * Up to {@code max} events after {@code after} from the window; {@code null} when the window
         * cannot answer (the head is unknown, or {@code after} is older than the window), and the
         * watcher must read the store.
         */
        synchronized List<RecordedEvent> after(long after, int max) {
            if (head < 0) {
                return null;
            }
            if (after >= head) {
                return List.of();
            }
            long first = window.isEmpty() ? head + 1 : window.peekFirst().sequence();
            if (after + 1 < first) {
                return null;
            }
            List<RecordedEvent> found = new ArrayList<>(Math.min(max, (int) (head - after)));
            for (RecordedEvent event : window) {
                if (event.sequence() > after) {
                    found.add(event);
                    if (found.size() == max) {
                        break;
                    }
                }
            }
            return found;
        }

        /**
         * A watcher read the store after {@code position} and found nothing: the store's head is at
         * most there. Known from then on, and lowered if a watcher that asked for a position the
         * store has not reached set it (its window is then still empty).
         */
        synchronized void caughtUp(long position) {
            if (head < 0 || (position < head && window.isEmpty())) {
                head = position;
            }
        }
    }

    /** One watcher: its position, and the page read but not yet sent. */
    private final class Watch {
        private final ServerCallStreamObserver<Event> observer;
        private final ArrayDeque<Event> unsent = new ArrayDeque<>();
        private volatile Tail tail;
        private volatile long lastRead;
        private volatile boolean closed;

        Watch(long afterSequence, ServerCallStreamObserver<Event> observer) {
            this.lastRead = afterSequence;
            this.observer = observer;
        }

        /** Sends what the client can take now; takes the next page only when the last one is sent. */
        synchronized void pump() {
            if (closed) {
                return;
            }
            try {
                while (observer.isReady() && !closed) {
                    if (unsent.isEmpty()) {
                        List<RecordedEvent> page = nextPage();
                        if (page.isEmpty()) {
                            return; // caught up: the tail's next tick brings more
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

        private List<RecordedEvent> nextPage() {
            List<RecordedEvent> shared = tail.after(lastRead, pageSize);
            if (shared != null) {
                return shared;
            }
            List<RecordedEvent> page = events.read(new ReadEventsQuery(tail.provider, lastRead, pageSize));
            if (page.isEmpty()) {
                tail.caughtUp(lastRead);
            }
            return page;
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
            if (watches.remove(this)) {
                tail.leave(this);
            }
        }
    }
}
