package beian.verify.core.rules;

import static beian.verify.core.testing.People.person;
import static beian.verify.core.testing.People.residentId;
import static beian.verify.core.testing.People.tail;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.EventType;
import beian.verify.core.domain.ProvinceCatalog;
import beian.verify.core.domain.ReturnReason;
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.domain.VerificationPolicy;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.SubmitApplicationUseCase.PersonInput;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeResult;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DOMAIN.md: the 48-hour deadline, the automatic resend at noon the next day, codes that keep working. */
class TimeRulesTest {
    static final String ALICE_ID = residentId(1);
    static final String BOB_ID = residentId(2);
    static final PersonInput ALICE = person("张三", "13800000001", ALICE_ID);
    static final PersonInput BOB = person("李四", "13900000002", BOB_ID);

    @Test
    void anApplicationIsReturnedAt48HoursExactlyAndNotAMinuteEarly() {
        CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);
        ApplicationView a = world.submitNewWebsite("r1", "a.cn", BOB);

        world.clock.set(a.submittedAt().plus(Duration.ofHours(48)).minusSeconds(60));
        assertThat(world.returns.returnExpired(100).done()).isZero();
        assertThat(world.view(a.applicationId()).status()).isEqualTo(ApplicationStatus.PENDING_VERIFICATION);

        world.clock.set(a.submittedAt().plus(Duration.ofHours(48)));
        assertThat(world.returns.returnExpired(100).done()).isEqualTo(1);
        ApplicationView returned = world.view(a.applicationId());
        assertThat(returned.status()).isEqualTo(ApplicationStatus.RETURNED);
        assertThat(returned.returnReason()).isEqualTo(ReturnReason.VERIFICATION_TIMEOUT);
    }

    @Test
    void aReturnedApplicationIsReturnedOnlyOnce() {
        CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);
        ApplicationView a = world.submitNewWebsite("r1", "a.cn", BOB);
        world.clock.set(a.deadline().plusSeconds(1));

        world.returns.returnExpired(100);
        world.returns.returnExpired(100);

        assertThat(world.eventTypes()).filteredOn(t -> t == EventType.RETURNED).hasSize(1);
    }

    @Test
    void aVerifiedApplicationIsNotReturnedAtTheDeadline() {
        CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);
        ApplicationView a = world.submitNewWebsite("r1", "a.cn", BOB);
        world.verify("13900000002", tail(BOB_ID), world.carrier.lastCodeTo("13900000002"));
        world.clock.set(a.deadline().plusSeconds(1));

        assertThat(world.returns.returnExpired(100).handled()).isZero();
        assertThat(world.view(a.applicationId()).status()).isEqualTo(ApplicationStatus.READY_FOR_REVIEW);
    }

    @ParameterizedTest(name = "submitted {0}:{1} → resend next day at noon")
    @CsvSource({"23,59", "0,1", "11,0", "12,0", "12,1"})
    void theAutomaticResendGoesOutOnceAtNoonOfTheNextCalendarDay(int hour, int minute) {
        CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, hour, minute);
        world.submitNewWebsite("r1", "a.cn", BOB);
        Instant noonNextDay = MutableClock.shanghai(2026, 11, 29, 12, 0);

        world.clock.set(noonNextDay.minusSeconds(1));
        world.autoResends.sendAutoResends(100);
        world.dispatch();
        assertThat(world.carrier.callsTo("13900000002")).hasSize(1);

        world.clock.set(noonNextDay);
        assertThat(world.autoResends.sendAutoResends(100).done()).isEqualTo(1);
        world.dispatch();
        world.clock.advance(Duration.ofHours(3));
        world.autoResends.sendAutoResends(100);
        world.dispatch();

        assertThat(world.carrier.callsTo("13900000002")).hasSize(2);
        assertThat(world.eventsOf(CoreFixture.PROVIDER)).filteredOn(e -> e.event().trigger() == SmsTrigger.AUTO_RESEND)
                .hasSize(1);
    }

    @Test
    void theAutomaticResendStillGoesOutWhenTheServiceWasDownOverNoon() {
        CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);
        world.submitNewWebsite("r1", "a.cn", BOB);

        world.clock.set(MutableClock.shanghai(2026, 11, 29, 17, 30));
        world.autoResends.sendAutoResends(100);
        world.dispatch();

        assertThat(world.carrier.callsTo("13900000002")).hasSize(2);
    }

    @Test
    void noAutomaticResendAfterTheDeadline() {
        CoreFixture world = new CoreFixture(MutableClock.shanghai(2026, 11, 28, 13, 0), ProvinceCatalog.defaults(),
                VerificationPolicy.defaults(), VerificationSettings.defaults().withDeadline(Duration.ofHours(20)));
        world.submitNewWebsite("r1", "a.cn", BOB);

        world.clock.set(MutableClock.shanghai(2026, 11, 29, 12, 0));
        world.autoResends.sendAutoResends(100);
        world.dispatch();

        assertThat(world.carrier.callsTo("13900000002")).hasSize(1);
    }

    @Test
    void theAutomaticResendGoesOnlyToTargetsStillPending() {
        CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);
        world.submitNewFiling("r1", ALICE, BOB);
        world.verify("13800000001", tail(ALICE_ID), world.carrier.lastCodeTo("13800000001"));

        world.clock.set(MutableClock.shanghai(2026, 11, 29, 12, 0));
        world.autoResends.sendAutoResends(100);
        world.dispatch();

        assertThat(world.carrier.callsTo("13800000001")).hasSize(1);
        assertThat(world.carrier.callsTo("13900000002")).hasSize(2);
    }

    @Test
    void aResendDoesNotMoveTheDeadline() {
        CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);
        ApplicationView a = world.submitNewWebsite("r1", "a.cn", BOB);
        world.resend("13900000002", tail(BOB_ID));
        world.clock.set(MutableClock.shanghai(2026, 11, 29, 12, 0));
        world.autoResends.sendAutoResends(100);
        world.dispatch();

        assertThat(world.view(a.applicationId()).deadline()).isEqualTo(a.deadline());
        world.clock.set(a.deadline());
        world.returns.returnExpired(100);
        assertThat(world.view(a.applicationId()).status()).isEqualTo(ApplicationStatus.RETURNED);
    }

    @Test
    void aCodeSentEarlierKeepsWorkingAfterTheAutomaticResend() {
        CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);
        world.submitNewWebsite("r1", "a.cn", BOB);
        String first = world.carrier.lastCodeTo("13900000002");
        world.clock.set(MutableClock.shanghai(2026, 11, 29, 12, 0));
        world.autoResends.sendAutoResends(100);
        world.dispatch();
        world.clock.set(MutableClock.shanghai(2026, 11, 30, 9, 59));

        assertThat(world.verify("13900000002", tail(BOB_ID), first)).isInstanceOf(VerifyCodeResult.Verified.class);
    }
}
