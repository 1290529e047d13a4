package beian.verify.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.persistence.testing.EventSequencing;
import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.EventType;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.RecordedEvent;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.RecordDeliveryUseCase;
import beian.verify.core.port.in.SubmitApplicationUseCase;
import beian.verify.core.port.in.SubmitApplicationUseCase.Submission;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import beian.verify.core.port.out.DispatchSignal;
import beian.verify.core.port.out.EventStore;
import beian.verify.core.port.out.TransactionRunner;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.MutableClock;
import beian.verify.core.testing.People;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scheduled jobs and the dispatcher wired in the application, on the real storage (a fresh in-memory H2). */
class JobsTest {
    static final String KEY = "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=";
    final MutableClock clock = MutableClock.atShanghai(2026, 11, 28, 10, 0);
    final TimedCarrier carrier = new TimedCarrier();
    ApplicationContext ctx;

    ApplicationContext start(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(Map.of("beian.security.hash-key", KEY,
                "beian.db.url", "jdbc:h2:mem:jobs-" + UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "beian.jobs.enabled", "true", "beian.jobs.dispatch-interval", "200ms",
                "beian.jobs.auto-resend-interval", "200ms", "beian.jobs.return-interval", "200ms",
                "beian.verification.sms-retry-base", "100ms", "beian.verification.sms-retry-max", "200ms"));
        properties.putAll(extra);
        ctx = ApplicationContext.builder().properties(properties)
                .singletons(carrier, clock)
                .start();
        return ctx;
    }

    @AfterEach
    void stop() {
        if (ctx != null) {
            ctx.close();
        }
    }

    ApplicationView submit(String requestId) {
        Outcome<Submission> outcome = ctx.getBean(SubmitApplicationUseCase.class).submit(
                new SubmitApplicationUseCase.SubmitApplicationCommand(CoreFixture.PROVIDER, requestId,
                        FilingType.NEW_WEBSITE, "TJ", "示例", null,
                        List.of(new WebsiteInput(requestId + ".cn", People.person("李四", "13900000002", People.residentId(2)))),
                        false));
        return ((Outcome.Ok<Submission>) outcome).value().application();
    }

    List<EventType> eventTypes() {
        EventSequencing.now(ctx);
        EventStore events = ctx.getBean(EventStore.class);
        return ctx.getBean(TransactionRunner.class).inTransaction(() -> events.readAfter(CoreFixture.PROVIDER, 0, 1000)).stream()
                .map(e -> e.event().type()).toList();
    }

    @Test
    void aSubmissionWakesTheDispatcherSoTheSmsLeavesAtOnceNotAtTheNextTick() {
        start(Map.of("beian.jobs.dispatch-interval", "1h"));
        assertThat(ctx.getBean(DispatchSignal.class)).isInstanceOf(SmsDispatchJob.class);

        submit("r1");

        Eventually.within(Duration.ofSeconds(2), "carrier.recording.calls().size() == 1", () -> carrier.recording.calls().size() == 1);
        Eventually.within(Duration.ofSeconds(2), "eventTypes().contains(EventType.SMS_SENT)", () -> eventTypes().contains(EventType.SMS_SENT));
    }

    @Test
    void theNoonResendAndTheReturnAtTheDeadlineHappenOnTheirOwnAsTheClockMoves() {
        start(Map.of());
        ApplicationView app = submit("r1");
        Eventually.within(Duration.ofSeconds(2), "carrier.recording.calls().size() == 1", () -> carrier.recording.calls().size() == 1);

        clock.set(MutableClock.shanghai(2026, 11, 29, 12, 0));
        Eventually.within(Duration.ofSeconds(3), "carrier.recording.calls().size() == 2", () -> carrier.recording.calls().size() == 2);

        clock.set(app.deadline().minusSeconds(60));
        sleep(Duration.ofMillis(800));
        assertThat(eventTypes()).doesNotContain(EventType.RETURNED);

        clock.set(app.deadline());
        Eventually.within(Duration.ofSeconds(3), "eventTypes().contains(EventType.RETURNED)", () -> eventTypes().contains(EventType.RETURNED));
        assertThat(eventTypes()).containsExactly(EventType.APPLICATION_SUBMITTED, EventType.SMS_SENT,
                EventType.SMS_SENT, EventType.RETURNED);
        assertThat(carrier.recording.calls()).hasSize(2);
    }

    @Test
    void aCarrierDownForAWhileIsRetriedThenSentAndTheCountersTellIt() {
        start(Map.of());
        carrier.down(() -> carrier.callers.size() < 3);

        submit("r1");

        // retries fall due on the application's clock: let it run
        Eventually.within(Duration.ofSeconds(5), "sent after the retries", () -> ticked(eventTypes().contains(EventType.SMS_SENT)));
        assertThat(carrier.recording.calls()).hasSize(3);
        MeterRegistry meters = ctx.getBean(MeterRegistry.class);
        assertThat(meters.counter("beian.sms", "trigger", "INITIAL", "outcome", "retried").count()).isEqualTo(2.0);
        assertThat(meters.counter("beian.sms", "trigger", "INITIAL", "outcome", "sent").count()).isEqualTo(1.0);
    }

    @Test
    void deliveryReportsAreCountedByOutcome() {
        start(Map.of());
        submit("r1");
        Eventually.within(Duration.ofSeconds(2), "sent", () -> carrier.recording.calls().size() == 1);
        Eventually.within(Duration.ofSeconds(2), "recorded", () -> eventTypes().contains(EventType.SMS_SENT));
        String reference = "ref-1"; // the recording carrier's first reference

        RecordDeliveryUseCase deliveries = ctx.getBean(RecordDeliveryUseCase.class);
        assertThat(deliveries.record(new RecordDeliveryUseCase.DeliveryReport(reference, true, "DELIVRD", null)))
                .isEqualTo(RecordDeliveryUseCase.DeliveryResult.RECORDED);
        assertThat(deliveries.record(new RecordDeliveryUseCase.DeliveryReport(reference, true, "DELIVRD", null)))
                .isEqualTo(RecordDeliveryUseCase.DeliveryResult.DUPLICATE);

        assertThat(ctx.getBean(MeterRegistry.class).counter("beian.sms.delivery", "outcome", "delivered").count())
                .isEqualTo(1.0);
        assertThat(eventTypes()).endsWith(EventType.SMS_DELIVERED);
    }

    @Test
    void whenRetriesRunOutTheFailureIsAnEventAndACounter() {
        start(Map.of("beian.verification.sms-max-attempts", "2"));
        carrier.down(() -> true);

        submit("r1");

        Eventually.within(Duration.ofSeconds(5), "SMS_FAILED", () -> ticked(eventTypes().contains(EventType.SMS_FAILED)));
        assertThat(ctx.getBean(MeterRegistry.class).counter("beian.sms", "trigger", "INITIAL", "outcome", "failed").count())
                .isEqualTo(1.0);
    }

    @Test
    void theSwitchTurnsEveryJobAndTheWakeUpOff() {
        start(Map.of("beian.jobs.enabled", "false"));

        submit("r1");
        sleep(Duration.ofMillis(600));

        assertThat(ctx.containsBean(SmsDispatchJob.class)).isFalse();
        assertThat(carrier.recording.calls()).isEmpty();
    }

    /** Moves the application clock a second on while waiting, so backoffs run out. */
    boolean ticked(boolean condition) {
        clock.advance(Duration.ofSeconds(1));
        return condition;
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
