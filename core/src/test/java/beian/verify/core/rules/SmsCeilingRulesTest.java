package beian.verify.core.rules;

import static beian.verify.core.testing.People.person;
import static beian.verify.core.testing.People.residentId;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.EventType;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.PhoneSmsLoad;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.RecordedEvent;
import beian.verify.core.domain.SmsCeilings;
import beian.verify.core.port.in.SubmitApplicationUseCase.PersonInput;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DOMAIN.md "SMS", the ceilings: per phone and per province, checked before a message is handed to any carrier;
 * what they hold back is an event (and a metric, counted by the app from the outbox), never a silent drop, and it
 * goes out when the window allows.
 */
class SmsCeilingRulesTest {
    static final Instant START = MutableClock.shanghai(2026, 11, 28, 10, 0);

    /** One NEW_WEBSITE for this phone, under its own request id and domain. */
    static void submitFor(CoreFixture world, int n, String phone) {
        PersonInput person = person("李四", phone, residentId(2));
        world.submitNewWebsite("r" + n, "site" + n + ".cn", person);
    }

    @Test
    void aSecondSmsToOnePhoneWithinAMinuteIsHeldBackAsAnEventAndSentWhenTheMinuteIsOver() {
        CoreFixture world = new CoreFixture(START, SmsCeilings.defaults());

        submitFor(world, 1, "13900000002");
        world.clock.advance(Duration.ofSeconds(10));
        submitFor(world, 2, "13900000002");

        assertThat(world.carrier.calls()).hasSize(1);
        OutboundSms held = world.outbox.all().get(1);
        assertThat(held.status()).isEqualTo(OutboundSms.OutboxStatus.QUEUED);
        assertThat(held.isHeldBack()).isTrue();
        assertThat(held.attempts()).isZero();
        assertThat(held.nextAttemptAt()).isEqualTo(START.plus(Duration.ofMinutes(1)));
        List<RecordedEvent> events = world.eventsOf(CoreFixture.PROVIDER);
        RecordedEvent heldBack = events.stream().filter(e -> e.event().type() == EventType.SMS_HELD_BACK).findFirst()
                .orElseThrow();
        assertThat(heldBack.event().reason()).contains("phone ceiling: 1 SMS a minute");
        assertThat(heldBack.event().maskedPhone()).isEqualTo("139****0002");

        world.clock.set(START.plus(Duration.ofMinutes(1)));
        world.dispatch();

        assertThat(world.carrier.calls()).hasSize(2);
        assertThat(world.outbox.all().get(1).status()).isEqualTo(OutboundSms.OutboxStatus.SENT);
    }

    @Test
    void theSixthSmsToOnePhoneWithinAnHourWaitsUntilTheFirstLeavesTheHour() {
        CoreFixture world = new CoreFixture(START, SmsCeilings.defaults());
        for (int i = 1; i <= 6; i++) {
            submitFor(world, i, "13900000002");
            world.clock.advance(Duration.ofMinutes(2));
        }

        assertThat(world.carrier.calls()).hasSize(5);
        assertThat(world.outbox.all().get(5).nextAttemptAt()).isEqualTo(START.plus(Duration.ofHours(1)));
        assertThat(world.outbox.all().get(5).lastError()).contains("5 SMS an hour");
    }

    @Test
    void otherPhonesAreNotHeldBackByOnePhonesCeiling() {
        CoreFixture world = new CoreFixture(START, SmsCeilings.defaults());

        submitFor(world, 1, "13900000002");
        submitFor(world, 2, "13900000003");

        assertThat(world.carrier.calls()).hasSize(2);
        assertThat(world.eventTypes()).doesNotContain(EventType.SMS_HELD_BACK);
    }

    @Test
    void aProvinceCeilingIsConfigurationAndHoldsBackTheProvincesNextSms() {
        CoreFixture world = new CoreFixture(START, new SmsCeilings(0, 0, 0, 2, 0));

        submitFor(world, 1, "13900000002");
        submitFor(world, 2, "13900000003");
        submitFor(world, 3, "13900000004");

        assertThat(world.carrier.calls()).hasSize(2);
        assertThat(world.outbox.all().get(2).lastError()).contains("province ceiling: 2 SMS a minute");
        world.clock.advance(Duration.ofMinutes(1));
        world.dispatch();
        assertThat(world.carrier.calls()).hasSize(3);
    }

    @Test
    void twoSmsToOnePhoneInOneDispatchBatchMeetThePhoneCeilingAsOneByOne() {
        CoreFixture world = new CoreFixture(START, SmsCeilings.defaults());
        queueFor(world, 1, "13900000002");
        queueFor(world, 2, "13900000002");
        queueFor(world, 3, "13900000003");

        world.dispatch(); // one batch holds all three

        assertThat(world.carrier.calls()).extracting(c -> c.phone().value()).containsExactly("13900000002", "13900000003");
        OutboundSms held = world.outbox.all().get(1);
        assertThat(held.status()).isEqualTo(OutboundSms.OutboxStatus.QUEUED);
        assertThat(held.isHeldBack()).isTrue();
        assertThat(held.nextAttemptAt()).isEqualTo(START.plus(Duration.ofMinutes(1)));
        assertThat(held.lastError()).contains("phone ceiling: 1 SMS a minute");
        assertThat(world.eventTypes()).filteredOn(t -> t == EventType.SMS_HELD_BACK).hasSize(1);

        world.clock.set(START.plus(Duration.ofMinutes(1)));
        world.dispatch();
        assertThat(world.carrier.calls()).hasSize(3);
    }

    @Test
    void aProvinceCeilingCountsTheSmsOfTheSameDispatchBatch() {
        CoreFixture world = new CoreFixture(START, new SmsCeilings(0, 0, 0, 2, 0));
        queueFor(world, 1, "13900000002");
        queueFor(world, 2, "13900000003");
        queueFor(world, 3, "13900000004");

        world.dispatch(); // one batch holds all three

        assertThat(world.carrier.calls()).hasSize(2);
        assertThat(world.outbox.all().get(2).lastError()).contains("province ceiling: 2 SMS a minute");
    }

    /** Queues one NEW_WEBSITE's SMS for this phone without dispatching it. */
    static void queueFor(CoreFixture world, int n, String phone) {
        world.submission.submit(world.command("r" + n, FilingType.NEW_WEBSITE, "TJ", null,
                List.of(new WebsiteInput("site" + n + ".cn", person("李四", phone, residentId(2))))));
        assertThat(world.carrier.calls()).isEmpty();
    }

    @Test
    void theDefaultsAreTheCarriersLimitsPerNumber() {
        SmsCeilings defaults = SmsCeilings.defaults();

        assertThat(defaults.perPhonePerMinute()).isEqualTo(1);
        assertThat(defaults.perPhonePerHour()).isEqualTo(5);
        assertThat(defaults.perPhonePerDay()).isEqualTo(10);
        assertThat(defaults.check(List.of(START.minus(Duration.ofHours(23)), START.minus(Duration.ofHours(22)),
                START.minus(Duration.ofHours(21)), START.minus(Duration.ofHours(20)), START.minus(Duration.ofHours(19)),
                START.minus(Duration.ofHours(18)), START.minus(Duration.ofHours(17)), START.minus(Duration.ofHours(16)),
                START.minus(Duration.ofHours(15)), START.minus(Duration.ofHours(14))), 0, 0, START))
                .hasValueSatisfying(h -> {
                    assertThat(h.until()).isEqualTo(START.plus(Duration.ofHours(1)));
                    assertThat(h.reason()).contains("10 SMS a day");
                });
    }

    /**
     * DOMAIN.md "Manual resend" (2026-12-07): whether the phone may receive one more SMS now counts what its
     * ceilings will count, the SMS still queued for it too, each at the time it is due (or now, once due).
     */
    @Test
    void thePhonesNextSmsCountsItsSmsStillQueuedEachAtItsDueTimeOrNow() {
        ProvinceCode tj = new ProvinceCode("TJ");
        List<Instant> sent = List.of(START.minusSeconds(30));
        PhoneSmsLoad sentOnly = PhoneSmsLoad.of(SmsCeilings.defaults(), sent, List.of(), Map.of(), START);
        PhoneSmsLoad withQueued = PhoneSmsLoad.of(SmsCeilings.defaults(), sent,
                List.of(START.minusSeconds(10), START.plusSeconds(40)), Map.of(), START);

        assertThat(sentOnly.heldBack(tj, START)).hasValueSatisfying(h -> assertThat(h.until()).isEqualTo(START.plusSeconds(30)));
        // the one due 10 s ago goes now, the one held back to START + 40 s then: the next may go a minute after it
        assertThat(withQueued.sends()).containsExactlyInAnyOrder(START.minusSeconds(30), START, START.plusSeconds(40));
        assertThat(withQueued.heldBack(tj, START)).hasValueSatisfying(h -> assertThat(h.until())
                .isEqualTo(START.plusSeconds(100)));
        assertThat(PhoneSmsLoad.of(SmsCeilings.defaults(), List.of(), List.of(), Map.of(), START).heldBack(tj, START))
                .isEmpty();
        assertThat(PhoneSmsLoad.of(SmsCeilings.defaults(), List.of(), List.of(), Map.of(), START).plus(tj, START)
                .heldBack(tj, START)).as("one planned now fills the minute")
                .hasValueSatisfying(h -> assertThat(h.until()).isEqualTo(START.plusSeconds(60)));
    }

    @Test
    void aProvinceCeilingCountsForTheResendsNextSmsToo() {
        ProvinceCode tj = new ProvinceCode("TJ");
        PhoneSmsLoad load = PhoneSmsLoad.of(new SmsCeilings(0, 0, 0, 2, 0), List.of(), List.of(),
                Map.of(tj, new PhoneSmsLoad.ProvinceSends(1, 1)), START);

        assertThat(load.heldBack(tj, START)).isEmpty();
        assertThat(load.plus(tj, START).heldBack(tj, START)).hasValueSatisfying(h -> {
            assertThat(h.until()).isEqualTo(START.plusSeconds(30));
            assertThat(h.reason()).contains("province ceiling");
        });
        assertThat(load.plus(tj, START).heldBack(new ProvinceCode("GS"), START)).isEmpty();
    }
}
