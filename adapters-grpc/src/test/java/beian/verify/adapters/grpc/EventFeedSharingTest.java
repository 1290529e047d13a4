package beian.verify.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import beian.verify.adapters.grpc.v1.Event;
import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.DomainEvent;
import beian.verify.core.domain.EventType;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.RecordedEvent;
import beian.verify.core.port.in.ReadEventsUseCase;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The watchers of one provider share one poll of the store: a hundred watchers that are caught up
 * cost one read a poll interval, not a hundred, and each still gets every event in order. A watcher
 * far behind reads the store itself until it catches up.
 */
class EventFeedSharingTest {
    private static final ProviderId PROVIDER = new ProviderId("aliyun");
    private static final ProviderId OTHER = new ProviderId("tencent");
    private static final Duration POLL = Duration.ofMillis(50);

    private final List<RecordedEvent> stored = new CopyOnWriteArrayList<>();
    private final List<RecordedEvent> storedOther = new CopyOnWriteArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final ReadEventsUseCase store = query -> {
        reads.incrementAndGet();
        List<RecordedEvent> all = query.provider().equals(PROVIDER) ? stored : storedOther;
        return all.stream().filter(e -> e.sequence() > query.afterSequence()).limit(query.limit()).toList();
    };
    private final EventFeed feed = new EventFeed(store, POLL, 100, 1000, 2, 200);

    @AfterEach
    void stop() {
        feed.stop();
    }

    private void append(List<RecordedEvent> to, ProviderId provider, int count) {
        for (int i = 0; i < count; i++) {
            to.add(new RecordedEvent(to.size() + 1, new DomainEvent(provider, EventType.RETURNED,
                    new ApplicationId("0190a5b2-7c3e-7abc-8def-0123456789ab"), null, null, "r", Instant.EPOCH)));
        }
    }

    @SuppressWarnings("unchecked")
    private List<Long> watch(ProviderId provider, long after) {
        ServerCallStreamObserver<Event> observer = mock(ServerCallStreamObserver.class);
        when(observer.isReady()).thenReturn(true);
        List<Long> got = Collections.synchronizedList(new ArrayList<>());
        doAnswer(call -> got.add(((Event) call.getArgument(0)).getSequence())).when(observer).onNext(any());
        feed.watch(provider, after, observer);
        return got;
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("within 10 s").isTrue();
    }

    @Test
    void aHundredCaughtUpWatchersOfOneProviderCostOneStoreReadAPollNotAHundred() throws Exception {
        append(stored, PROVIDER, 5);
        List<List<Long>> watchers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            watchers.add(watch(PROVIDER, 5));
        }
        await(() -> reads.get() >= 100); // each has looked once, found nothing, and joined the shared poll
        Thread.sleep(POLL.toMillis() * 3);

        int before = reads.get();
        long started = System.nanoTime();
        Thread.sleep(POLL.toMillis() * 20);
        int polls = (int) ((System.nanoTime() - started) / POLL.toNanos());
        int readsWhileIdle = reads.get() - before;
        System.out.printf("BENCHMARK WatchEvents sharing: 100 caught-up watchers, %d store reads in %d poll intervals%n",
                readsWhileIdle, polls);
        assertThat(readsWhileIdle).as("store reads in %d poll intervals with 100 watchers", polls)
                .isLessThanOrEqualTo(polls + 2);

        append(stored, PROVIDER, 250); // more than two pages arrive at once
        await(() -> watchers.stream().allMatch(w -> w.size() == 250));
        for (List<Long> got : watchers) {
            assertThat(got).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(6, 255).boxed().toList());
        }
    }

    @Test
    void aWatcherBehindTheSharedWindowReadsTheStoreUntilItCatchesUp() throws Exception {
        append(stored, PROVIDER, 10);
        List<Long> live = watch(PROVIDER, 10);
        await(() -> reads.get() >= 1);
        append(stored, PROVIDER, 3000); // far more than the window of 1000 holds
        await(() -> live.size() == 3000);

        List<Long> late = watch(PROVIDER, 0);
        await(() -> late.size() == 3010);
        assertThat(late).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 3010).boxed().toList());
        assertThat(live).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(11, 3010).boxed().toList());
    }

    @Test
    void eachProviderHasItsOwnTailAndAWatcherAheadOfTheStoreDoesNotStallTheOthers() throws Exception {
        append(stored, PROVIDER, 3);
        append(storedOther, OTHER, 2);
        List<Long> ahead = watch(PROVIDER, 1_000_000); // a position the store has not reached
        List<Long> mine = watch(PROVIDER, 3);
        List<Long> theirs = watch(OTHER, 0);
        await(() -> theirs.size() == 2);
        Thread.sleep(POLL.toMillis() * 3);
        append(stored, PROVIDER, 2);
        await(() -> mine.size() == 2);
        assertThat(mine).containsExactly(4L, 5L);
        assertThat(theirs).containsExactly(1L, 2L);
        assertThat(ahead).isEmpty();
    }
}
