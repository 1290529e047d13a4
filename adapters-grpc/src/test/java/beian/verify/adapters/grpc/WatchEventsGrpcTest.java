package beian.verify.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.grpc.v1.ApplicationServiceGrpc;
import beian.verify.adapters.grpc.v1.Event;
import beian.verify.adapters.grpc.v1.SubmitApplicationRequest;
import beian.verify.adapters.grpc.v1.WatchEventsRequest;
import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.DomainEvent;
import beian.verify.core.domain.EventType;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.RecordedEvent;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.SubmitApplicationUseCase;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.People;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * WatchEvents: replay, live follow, isolation per provider, many watchers, flow control, cancel. The
 * cap of open watches per provider is raised here for the hundred watchers; {@code WatchCapGrpcTest}
 * tests the cap.
 */
@MicronautTest
@Property(name = "beian.grpc.watch.max-per-provider", value = "200")
class WatchEventsGrpcTest extends GrpcTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    EventFeed feed;

    /** A client-side watcher: what arrived, and a handle to cancel or to ask for more. */
    static final class Watcher implements ClientResponseObserver<WatchEventsRequest, Event> {
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final CompletableFuture<Throwable> ended = new CompletableFuture<>();
        final List<Instant> arrivals = Collections.synchronizedList(new ArrayList<>());
        private final int initialRequest;
        volatile ClientCallStreamObserver<WatchEventsRequest> call;

        Watcher(int initialRequest) {
            this.initialRequest = initialRequest;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<WatchEventsRequest> requestStream) {
            call = requestStream;
            if (initialRequest > 0) {
                requestStream.disableAutoRequestWithInitial(initialRequest);
            }
        }

        @Override
        public void onNext(Event value) {
            arrivals.add(Instant.now());
            events.add(value);
        }

        @Override
        public void onError(Throwable t) {
            ended.complete(t);
        }

        @Override
        public void onCompleted() {
            ended.complete(null);
        }

        Event next() throws InterruptedException {
            Event event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("an event within %s", WAIT).isNotNull();
            return event;
        }

        List<Event> next(int count) throws InterruptedException {
            List<Event> got = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                got.add(next());
            }
            return got;
        }

        void cancel() {
            call.cancel("test done", null);
        }
    }

    private Watcher watch(ManagedChannel on, String key, long after, int initialRequest) {
        Watcher watcher = new Watcher(initialRequest);
        withKey(ApplicationServiceGrpc.newStub(on), key)
                .watchEvents(WatchEventsRequest.newBuilder().setAfterSequence(after).build(), watcher);
        return watcher;
    }

    private long lastSequence(ProviderId provider) {
        List<RecordedEvent> all = core.eventsOf(provider);
        return all.isEmpty() ? 0 : all.get(all.size() - 1).sequence();
    }

    private void awaitNoWatchers() throws InterruptedException {
        long until = System.nanoTime() + WAIT.toNanos();
        while (feed.watching() > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(feed.watching()).as("watchers served after every client cancelled").isZero();
    }

    @Test
    void replaysAfterTheGivenSequenceThenFollowsLiveEventsInOrderWithPhonesMasked() throws Exception {
        long start = lastSequence(CoreFixture.PROVIDER);
        SubmitApplicationRequest first = newFiling("TJ");
        String firstId = submit(first).getApplicationId();

        Watcher watcher = watch(channel, PROVIDER_KEY, start, 0);
        List<Event> replayed = watcher.next(3);
        assertThat(replayed).extracting(Event::getType).containsExactly(
                Event.Type.APPLICATION_SUBMITTED, Event.Type.SMS_SENT, Event.Type.SMS_SENT);
        assertThat(replayed).allSatisfy(e -> assertThat(e.getApplicationId()).isEqualTo(firstId));
        assertThat(replayed.get(1).getTrigger()).isEqualTo(Event.Trigger.INITIAL);

        SubmitApplicationRequest second = newFiling("TJ");
        String secondId = submit(second).getApplicationId();
        verify(second.getSubjectPrincipal());
        List<Event> live = watcher.next(4);
        assertThat(live).extracting(Event::getType).containsExactly(
                Event.Type.APPLICATION_SUBMITTED, Event.Type.SMS_SENT, Event.Type.SMS_SENT, Event.Type.TARGET_VERIFIED);
        assertThat(live).allSatisfy(e -> assertThat(e.getApplicationId()).isEqualTo(secondId));

        List<Event> all = new ArrayList<>(replayed);
        all.addAll(live);
        assertThat(all).extracting(Event::getSequence).isSorted().doesNotHaveDuplicates();
        assertThat(all.get(0).getSequence()).isEqualTo(start + 1);
        assertThat(all).filteredOn(e -> e.getType() == Event.Type.SMS_SENT || e.getType() == Event.Type.TARGET_VERIFIED)
                .allSatisfy(e -> assertThat(e.getMaskedPhone()).matches("1\\d{2}\\*{4}\\d{4}"));
        String phone = second.getSubjectPrincipal().getPhone();
        assertThat(live.get(3).getMaskedPhone()).isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));
        assertThat(all.toString()).doesNotContain(phone, first.getSubjectPrincipal().getPhone());

        watcher.cancel();
        awaitNoWatchers();
    }

    @Test
    void aWatcherSeesNoOtherProvidersEvents() throws Exception {
        Watcher other = watch(channel, OTHER_PROVIDER_KEY, lastSequence(CoreFixture.OTHER_PROVIDER), 0);
        submit(newFiling("TJ")); // the test provider's
        String theirs = otherProvider().submitApplication(newFiling("BJ")).getApplicationId();

        Event first = other.next();
        assertThat(first.getApplicationId()).isEqualTo(theirs);
        assertThat(first.getType()).isEqualTo(Event.Type.APPLICATION_SUBMITTED);
        other.cancel();
        awaitNoWatchers();
    }

    @Test
    void aNegativeSequenceIsInvalid() throws Exception {
        Watcher watcher = watch(channel, PROVIDER_KEY, -1, 0);
        Throwable ended = watcher.ended.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(Status.fromThrowable(ended).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Status.fromThrowable(ended).getDescription()).startsWith("INVALID_ARGUMENT: after_sequence: ");
    }

    /**
     * A hundred watchers cost no hundred threads, and an event written past this server (straight
     * into storage, as another instance would) reaches every one of them. Prints the latencies.
     */
    @Test
    void aHundredWatchersShareAFewThreadsAndAllGetAnEventWrittenElsewhere() throws Exception {
        int count = 100;
        long after = lastSequence(CoreFixture.OTHER_PROVIDER);
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        List<Watcher> watchers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            watchers.add(watch(channel, OTHER_PROVIDER_KEY, after, 0));
        }
        long until = System.nanoTime() + WAIT.toNanos();
        while (feed.watching() < count && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(feed.watching()).isEqualTo(count);
        Thread.sleep(500); // every watcher has polled a few times and found nothing
        int threadsWatching = ManagementFactory.getThreadMXBean().getThreadCount();
        // While they all watch and nothing happens: which threads are inside the adapter, and waiting there?
        java.util.Map<Thread, StackTraceElement[]> stacks = Thread.getAllStackTraces();
        List<Thread> inAdapter = stacks.entrySet().stream().filter(entry -> java.util.Arrays.stream(entry.getValue())
                .anyMatch(frame -> frame.getClassName().startsWith("beian.verify.adapters.grpc.")
                        && !frame.getClassName().contains("Test"))).map(java.util.Map.Entry::getKey).toList();
        List<Thread> waitingInAdapter = inAdapter.stream().filter(t -> !t.getName().startsWith("grpc-event-feed")
                && t.getState() != Thread.State.RUNNABLE).toList();

        Instant written = Instant.now();
        SubmitApplicationRequest r = newFiling("BJ");
        Outcome<SubmitApplicationUseCase.Submission> outcome = core.submission.submit(
                new SubmitApplicationUseCase.SubmitApplicationCommand(CoreFixture.OTHER_PROVIDER, r.getRequestId(),
                        beian.verify.core.domain.FilingType.NEW_FILING, "BJ", "另一实例写入",
                        People.person("张三", r.getSubjectPrincipal().getPhone(), People.residentId(7)),
                        List.of(new SubmitApplicationUseCase.WebsiteInput(r.getWebsites(0).getDomain(),
                                People.person("李四", r.getWebsites(0).getPrincipal().getPhone(), People.residentId(8)))),
                        false));
        assertThat(outcome).isInstanceOf(Outcome.Ok.class);

        List<Long> latencies = new ArrayList<>();
        for (Watcher watcher : watchers) {
            Event event = watcher.next();
            assertThat(event.getType()).isEqualTo(Event.Type.APPLICATION_SUBMITTED);
            assertThat(event.getSequence()).isEqualTo(after + 1);
            latencies.add(Duration.between(written, watcher.arrivals.get(0)).toMillis());
        }
        Collections.sort(latencies);
        java.util.Map<String, Long> byPool = Thread.getAllStackTraces().keySet().stream().collect(
                java.util.stream.Collectors.groupingBy(t -> t.getName().replaceAll("[-#]?\\d+$", ""),
                        java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        System.out.printf("BENCHMARK WatchEvents: %d watchers, threads %d before -> %d while watching %s; "
                        + "%d threads inside the adapter, %d of them waiting; an event written to storage reached all of them: median %d ms, "
                        + "max %d ms (poll interval 100 ms in tests, 200 ms default)%n",
                count, threadsBefore, threadsWatching, byPool, inAdapter.size(), waitingInAdapter.size(), latencies.get(count / 2), latencies.get(count - 1));
        // The watchers are served by the feed's two threads; no thread waits per watcher anywhere in the adapter.
        assertThat(byPool.getOrDefault("grpc-event-feed", 0L)).isLessThanOrEqualTo(2);
        assertThat(waitingInAdapter).as("threads waiting in adapter code while %d clients watch", count).isEmpty();
        assertThat(inAdapter).as("threads in adapter code while %d clients watch", count).hasSizeLessThan(10);

        watchers.forEach(Watcher::cancel);
        awaitNoWatchers();
    }

    /**
     * A client that stops asking holds up the server's reading: it reads only as far as the
     * stream's flow-control window and one page, and sends the rest, in order, once asked.
     */
    @Test
    void aSlowClientGetsFlowControlNotAnUnboundedBuffer() throws Exception {
        ProviderId provider = CoreFixture.OTHER_PROVIDER;
        long after = lastSequence(provider);
        int total = 3000;
        String reason = "r".repeat(1000); // ~1 KB an event: 3 MB in all, far over a 64 KB window
        core.tx.inTransaction(() -> {
            List<DomainEvent> events = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                events.add(new DomainEvent(provider, EventType.RETURNED,
                        new ApplicationId("0190a5b2-7c3e-7abc-8def-0123456789ab"), null, null, reason,
                        CoreOnFakesFactory.START));
            }
            core.events.append(events);
            return null;
        });
        ManagedChannel small = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext()
                .flowControlWindow(64 * 1024).build();
        try {
            Watcher slow = watch(small, OTHER_PROVIDER_KEY, after, 1);
            assertThat(slow.next().getSequence()).isEqualTo(after + 1);
            Thread.sleep(1500); // time for the server to send (or buffer) as much as it would
            long readUpTo = feed.positions().stream().mapToLong(Long::longValue).max().orElseThrow();
            System.out.printf("BENCHMARK WatchEvents flow control: a client that took 1 of %d events made the server "
                    + "read %d of them%n", total, readUpTo - after);
            assertThat(readUpTo - after).as("events read for a client that asked for one").isLessThan(total / 4);
            assertThat(slow.events).isEmpty();

            slow.call.request(total);
            List<Event> rest = slow.next(total - 1);
            assertThat(rest).extracting(Event::getSequence).isSorted().doesNotHaveDuplicates();
            assertThat(rest.get(rest.size() - 1).getSequence()).isEqualTo(after + total);
            slow.cancel();
            awaitNoWatchers();
        } finally {
            small.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
