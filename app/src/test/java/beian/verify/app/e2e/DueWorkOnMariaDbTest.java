package beian.verify.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.persistence.testing.EventSequencing;
import beian.verify.adapters.persistence.testing.TestDatabase;
import beian.verify.app.jobs.Eventually;
import beian.verify.app.jobs.TimedCarrier;
import beian.verify.core.domain.EventType;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.RecordedEvent;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.SubmitApplicationUseCase;
import beian.verify.core.port.in.SubmitApplicationUseCase.Submission;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import beian.verify.core.port.out.EventStore;
import beian.verify.core.port.out.SmsOutbox;
import beian.verify.core.port.out.TransactionRunner;
import beian.verify.core.testing.Benchmark;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.MutableClock;
import beian.verify.core.testing.People;
import beian.verify.core.testing.RecordingSmsSender.Sent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduled work of the issue on MariaDB: whole application contexts (the real storage adapter,
 * the real jobs and dispatcher) on one database of this class's own, sharing a recording carrier and a
 * clock the test moves. Two contexts at once are two instances of the service.
 */
class DueWorkOnMariaDbTest {
    static final String HASH_KEY = "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=";
    static final Duration LEASE = Duration.ofSeconds(30);
    TestDatabase db;

    final MutableClock clock = MutableClock.atShanghai(2026, 11, 28, 10, 0);
    final TimedCarrier carrier = new TimedCarrier();
    final List<ApplicationContext> instances = new ArrayList<>();

    /** A database of each test's own: the noon resend of one test must not find another test's applications. */
    @BeforeEach
    void database() {
        db = TestDatabase.mariaDb("sms");
    }

    @AfterEach
    void stopInstancesAndDropTheDatabase() {
        try {
            instances.forEach(ApplicationContext::close);
        } finally {
            db.close();
        }
    }

    /** One instance of the service on the test database. */
    ApplicationContext instance(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(db.properties());
        properties.putAll(Map.of("beian.security.hash-key", HASH_KEY, "beian.sms.carrier", "recording",
                "beian.jobs.enabled", "true", "beian.jobs.batch-size", "7", "beian.jobs.return-batch-size", "7", "beian.jobs.dispatch-interval", "100ms",
                "beian.jobs.auto-resend-interval", "100ms", "beian.jobs.return-interval", "100ms",
                "beian.verification.sms-lease", LEASE.getSeconds() + "s"));
        properties.putAll(extra);
        ApplicationContext ctx = ApplicationContext.builder().properties(properties).singletons(carrier, clock).start();
        instances.add(ctx);
        return ctx;
    }

    static ApplicationView submit(ApplicationContext ctx, String requestId, String subjectPhone, String websitePhone, int person) {
        Outcome<Submission> outcome = ctx.getBean(SubmitApplicationUseCase.class).submit(
                new SubmitApplicationUseCase.SubmitApplicationCommand(CoreFixture.PROVIDER, requestId,
                        FilingType.NEW_FILING, "TJ", "天津示例科技有限公司",
                        People.person("张三", subjectPhone, People.residentId(person)),
                        List.of(new WebsiteInput(requestId + ".cn",
                                People.person("李四", websitePhone, People.residentId(person + 1)))), false));
        if (outcome instanceof Outcome.Ok<Submission> ok) {
            return ok.value().application();
        }
        throw new AssertionError("refused: " + outcome);
    }

    static List<RecordedEvent> events(ApplicationContext ctx) {
        EventSequencing.now(ctx);
        EventStore events = ctx.getBean(EventStore.class);
        return ctx.getBean(TransactionRunner.class).inTransaction(
                () -> events.readAfter(CoreFixture.PROVIDER, 0, 100_000));
    }

    static List<EventType> eventTypesOf(ApplicationContext ctx, String applicationId) {
        return events(ctx).stream().filter(e -> e.event().applicationId().value().equals(applicationId))
                .map(e -> e.event().type()).toList();
    }

    static String phone(String prefix, int i) {
        return prefix + String.format("%08d", i);
    }

    /** Keys the carrier was called with more than once. */
    Map<String, Long> keysSentTwice() {
        return carrier.recording.calls().stream().collect(Collectors.groupingBy(Sent::idempotencyKey,
                Collectors.counting())).entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    static void settle() {
        try {
            Thread.sleep(700); // several ticks of every job: whatever would be done twice would be by now
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void twoInstancesDispatchResendAndReturnTogetherAndEverythingHappensExactlyOnce() throws Exception {
        ApplicationContext a = instance(Map.of());
        ApplicationContext b = instance(Map.of());
        int applications = 30;
        Map<String, Long> submittedAt = new ConcurrentHashMap<>();
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        ExecutorService submitters = Executors.newFixedThreadPool(2);
        List<Future<?>> done = new ArrayList<>();
        for (int n = 0; n < 2; n++) {
            int half = n;
            ApplicationContext via = n == 0 ? a : b;
            done.add(submitters.submit(() -> {
                for (int i = half; i < applications; i += 2) {
                    ApplicationView view = submit(via, "two-" + i, phone("138", i), phone("139", i), 2 * i);
                    long now = System.nanoTime();
                    submittedAt.put(phone("138", i), now);
                    submittedAt.put(phone("139", i), now);
                    ids.add(view.applicationId());
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        submitters.shutdown();

        Eventually.within(Duration.ofSeconds(20), "the first SMS of every target",
                () -> carrier.recording.calls().size() >= 2 * applications);
        settle();
        assertThat(keysSentTwice()).as("one message handed to the carrier twice").isEmpty();
        assertThat(carrier.recording.calls()).hasSize(2 * applications);
        printLatency("a burst of 30 applications through both at once", submittedAt);
        System.out.println("BENCHMARK first SMS handed over per dispatcher thread (one per instance): "
                + carrier.callers.stream().collect(Collectors.groupingBy(t -> t, java.util.TreeMap::new, Collectors.counting())));

        clock.set(MutableClock.shanghai(2026, 11, 29, 12, 0));
        Eventually.within(Duration.ofSeconds(20), "the noon resend to every target",
                () -> carrier.recording.calls().size() >= 4 * applications);
        settle();
        assertThat(keysSentTwice()).as("one message handed to the carrier twice").isEmpty();
        submittedAt.keySet().forEach(p -> assertThat(carrier.recording.callsTo(p).size()).as(p).isEqualTo(2));
        assertThat(carrier.recording.calls()).hasSize(4 * applications);

        clock.set(MutableClock.shanghai(2026, 11, 30, 10, 0));
        Eventually.within(Duration.ofSeconds(20), "every application returned", () -> events(a).stream()
                .filter(e -> e.event().type() == EventType.RETURNED).count() >= applications);
        settle();
        Map<String, Long> returns = events(b).stream().filter(e -> e.event().type() == EventType.RETURNED)
                .collect(Collectors.groupingBy(e -> e.event().applicationId().value(), Collectors.counting()));
        assertThat(returns).hasSize(applications).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1L));
        assertThat(returns.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(carrier.recording.calls()).hasSize(4 * applications);
    }

    @Test
    @Benchmark
    void dispatchLatencyFromCommitToCarrierBenchmark() {
        ApplicationContext a = instance(Map.of());
        ApplicationContext b = instance(Map.of());
        for (int i = 0; i < 5; i++) { // warm-up: class loading, JIT, pools
            submit(i % 2 == 0 ? a : b, "warm-" + i, phone("158", i), phone("159", i), 2 * i);
        }
        Eventually.within(Duration.ofSeconds(20), "warm-up sent", () -> carrier.recording.calls().size() >= 10);
        Map<String, Long> submittedAt = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            submit(i % 2 == 0 ? a : b, "lat-" + i, phone("136", i), phone("137", i), 100 + 2 * i);
            long now = System.nanoTime();
            submittedAt.put(phone("136", i), now);
            submittedAt.put(phone("137", i), now);
            String subject = phone("136", i);
            String website = phone("137", i);
            Eventually.within(Duration.ofSeconds(10), "both sent", () -> carrier.recording.callsTo(subject).size() == 1
                    && carrier.recording.callsTo(website).size() == 1);
        }
        printLatency("one application at a time, 2 instances", submittedAt);
        assertThat(keysSentTwice()).isEmpty();
    }

    /** Commit (the submission returned) to the carrier's call: a benchmark printout, not an assertion. */
    private void printLatency(String how, Map<String, Long> submittedAt) {
        List<Long> micros = new ArrayList<>();
        Map<String, Long> firstCallByPhone = new HashMap<>();
        for (Sent sent : carrier.recording.calls()) {
            firstCallByPhone.putIfAbsent(sent.phone().value(), carrier.firstCallNanos.get(sent.idempotencyKey()));
        }
        submittedAt.forEach((phone, at) -> micros.add(Math.max(0, firstCallByPhone.get(phone) - at) / 1000));
        Collections.sort(micros);
        Function<Double, Long> pct = p -> micros.get(Math.min(micros.size() - 1, (int) Math.ceil(p * micros.size()) - 1));
        System.out.printf("BENCHMARK sms dispatch latency, commit -> carrier, MariaDB, %s, %d SMS: "
                        + "p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", how, micros.size(), pct.apply(0.50) / 1000.0,
                pct.apply(0.95) / 1000.0, micros.get(micros.size() - 1) / 1000.0);
    }

    @Test
    void aMessageClaimedByADispatcherThatDiedIsSentByAnotherInstanceAfterTheLease() {
        ApplicationContext dying = instance(Map.of("beian.jobs.enabled", "false"));
        submit(dying, "dead-1", "13700000001", "13700000002", 500);
        SmsOutbox outbox = dying.getBean(SmsOutbox.class);
        Instant now = clock.now();
        List<OutboundSms> claimed = dying.getBean(TransactionRunner.class)
                .inTransaction(() -> outbox.claimDue(now, now.plus(LEASE), 10));
        assertThat(claimed).hasSize(2);
        dying.close(); // claimed, never sent

        instance(Map.of());
        settle();
        assertThat(carrier.recording.callsTo("13700000001")).as("held by the dead dispatcher's lease").isEmpty();

        clock.advance(LEASE);
        Eventually.within(Duration.ofSeconds(10), "sent after the lease",
                () -> carrier.recording.callsTo("13700000001").size() + carrier.recording.callsTo("13700000002").size() == 2);
        settle();
        assertThat(carrier.recording.callsTo("13700000001")).hasSize(1);
        assertThat(carrier.recording.callsTo("13700000002")).hasSize(1);
    }

    @Test
    void aCarrierDownForAWhileIsRetriedWithBackoffThenSentAndTheEventsTellTheStory() {
        ApplicationContext ctx = instance(Map.of());
        carrier.down(() -> carrier.callers.size() < 3);

        ApplicationView app = submit(ctx, "down-1", "13600000001", "13600000002", 600);

        Eventually.within(Duration.ofSeconds(15), "both sent after the carrier is back", () -> {
            clock.advance(Duration.ofSeconds(1)); // backoffs run on the application's clock
            return eventTypesOf(ctx, app.applicationId()).stream().filter(t -> t == EventType.SMS_SENT).count() == 2;
        });
        assertThat(eventTypesOf(ctx, app.applicationId()))
                .containsExactly(EventType.APPLICATION_SUBMITTED, EventType.SMS_SENT, EventType.SMS_SENT);
        assertThat(carrier.recording.calls()).hasSize(4); // two failures, then one call per target
        MeterRegistry meters = ctx.getBean(MeterRegistry.class);
        assertThat(meters.counter("beian.sms", "trigger", "INITIAL", "outcome", "retried").count()).isEqualTo(2.0);
        assertThat(meters.counter("beian.sms", "trigger", "INITIAL", "outcome", "sent").count()).isEqualTo(2.0);
    }

    @Test
    void aCarrierThatStaysDownEndsInSmsFailedAfterTheConfiguredAttempts() {
        ApplicationContext ctx = instance(Map.of("beian.verification.sms-max-attempts", "3"));
        carrier.down(() -> true);

        ApplicationView app = submit(ctx, "down-2", "13500000001", "13500000002", 700);

        Eventually.within(Duration.ofSeconds(15), "SMS_FAILED for both targets", () -> {
            clock.advance(Duration.ofSeconds(10));
            return eventTypesOf(ctx, app.applicationId()).stream().filter(t -> t == EventType.SMS_FAILED).count() == 2;
        });
        assertThat(carrier.recording.calls()).hasSize(6);
        assertThat(events(ctx).stream().filter(e -> e.event().type() == EventType.SMS_FAILED))
                .allSatisfy(e -> assertThat(e.event().reason()).startsWith("retries exhausted"));
        assertThat(ctx.getBean(MeterRegistry.class).counter("beian.sms", "trigger", "INITIAL", "outcome", "failed").count())
                .isEqualTo(2.0);
    }

    @Test
    void theNoonResendStillGoesOutWhenTheServiceWasDownOverNoon() {
        ApplicationContext before = instance(Map.of());
        submit(before, "noon-1", "13400000001", "13400000002", 800);
        Eventually.within(Duration.ofSeconds(10), "the first SMS", () -> carrier.recording.callsTo("13400000001").size() == 1);
        before.close(); // down from here ...

        clock.set(MutableClock.shanghai(2026, 11, 29, 17, 30)); // ... over noon
        instance(Map.of());

        Eventually.within(Duration.ofSeconds(10), "the noon resend after the restart",
                () -> carrier.recording.callsTo("13400000001").size() == 2);
        settle();
        assertThat(carrier.recording.callsTo("13400000001")).hasSize(2);
        assertThat(carrier.recording.callsTo("13400000002")).hasSize(2);
    }

    @Test
    void theReturnComesAt48HoursExactlyNotAMinuteEarly() {
        ApplicationContext ctx = instance(Map.of());
        ApplicationView app = submit(ctx, "ret-1", "13300000001", "13300000002", 900);
        assertThat(app.deadline()).isEqualTo(app.submittedAt().plus(Duration.ofHours(48)));

        clock.set(app.deadline().minus(Duration.ofMinutes(1)));
        settle();
        assertThat(eventTypesOf(ctx, app.applicationId())).doesNotContain(EventType.RETURNED);

        clock.set(app.deadline());
        Eventually.within(Duration.ofSeconds(10), "returned at the deadline",
                () -> eventTypesOf(ctx, app.applicationId()).contains(EventType.RETURNED));
        settle();
        assertThat(eventTypesOf(ctx, app.applicationId()).stream().filter(t -> t == EventType.RETURNED)).hasSize(1);
        assertThat(events(ctx).stream().filter(e -> e.event().type() == EventType.RETURNED
                && e.event().applicationId().value().equals(app.applicationId())))
                .singleElement().satisfies(e -> assertThat(e.event().reason()).isEqualTo("VERIFICATION_TIMEOUT"));
    }
}
