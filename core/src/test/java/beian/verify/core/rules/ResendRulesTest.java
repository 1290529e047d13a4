package beian.verify.core.rules;

import static beian.verify.core.testing.People.person;
import static beian.verify.core.testing.People.residentId;
import static beian.verify.core.testing.People.tail;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.EventType;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.SmsCeilings;
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.IssueCaptchaUseCase.IssuedCaptcha;
import beian.verify.core.port.in.ResendSmsUseCase.ResendSmsCommand;
import beian.verify.core.port.in.ResendSmsUseCase.ResendSmsResult;
import beian.verify.core.port.in.SubmitApplicationUseCase.PersonInput;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeResult;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DOMAIN.md "Manual resend (短信重发)" and the resend wording of "What the page says"; with its revision of
 * 2026-12-07, 您的短信已发送成功 only for an SMS that goes out now, within the phone's SMS ceilings.
 */
class ResendRulesTest {
    static final String BOB_ID = residentId(2);
    static final PersonInput BOB = person("李四", "13900000002", BOB_ID);

    final CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);
    ApplicationView application;

    @BeforeEach
    void oneTarget() {
        application = world.submitNewWebsite("r1", "a.cn", BOB);
    }

    @Test
    void aPendingTargetWithThatPhoneAndTailGetsTheSmsAgain() {
        ResendSmsResult r = world.resend("13900000002", tail(BOB_ID));

        assertThat(r).isEqualTo(new ResendSmsResult.Sent(1));
        assertThat(world.carrier.callsTo("13900000002")).hasSize(2);
        assertThat(world.view(application.applicationId()).targets().get(0).smsSentCount()).isEqualTo(2);
    }

    @Test
    void nothingPendingForThatPhoneAndTailAnswersRecordNotFound() {
        ResendSmsResult r = world.resend("13900000002", "000000");

        assertThat(r).isInstanceOf(ResendSmsResult.Refused.class);
        assertThat(((ResendSmsResult.Refused) r).code()).isEqualTo(ErrorCode.RECORD_NOT_FOUND);
        assertThat(world.carrier.callsTo("13900000002")).hasSize(1);
    }

    @Test
    void aWrongTailOnResendIsNotAnIdFailure() {
        for (int i = 0; i < 6; i++) {
            world.resend("13900000002", "000000");
        }

        assertThat(world.applications.all().get(0).targets().get(0).idFailures()).isZero();
    }

    @Test
    void atMostOneManualResendAMinutePerTarget() {
        assertThat(world.resend("13900000002", tail(BOB_ID))).isInstanceOf(ResendSmsResult.Sent.class);
        world.clock.advance(Duration.ofSeconds(59));
        ResendSmsResult tooSoon = world.resend("13900000002", tail(BOB_ID));
        world.clock.advance(Duration.ofSeconds(1));

        assertThat(((ResendSmsResult.Refused) tooSoon).code()).isEqualTo(ErrorCode.RESEND_TOO_FREQUENT);
        assertThat(world.resend("13900000002", tail(BOB_ID))).isInstanceOf(ResendSmsResult.Sent.class);
    }

    @Test
    void theSpacingRefusalTellsTheWaitUntilTheTargetsNextManualResend() {
        assertThat(world.resend("13900000002", tail(BOB_ID))).isInstanceOf(ResendSmsResult.Sent.class);
        world.clock.advance(Duration.ofSeconds(20));

        assertThat(world.resend("13900000002", tail(BOB_ID)))
                .isEqualTo(ResendSmsResult.Refused.of(ErrorCode.RESEND_TOO_FREQUENT, Duration.ofSeconds(40)));
    }

    @Test
    void whenTheResendsAreUsedUpTheRefusalHasNoWaitForItWillNeverBeAllowed() {
        world.resend("13900000002", tail(BOB_ID));
        world.clock.advance(Duration.ofMinutes(2));
        world.resend("13900000002", tail(BOB_ID));

        world.clock.advance(Duration.ofSeconds(10)); // within the spacing too: used up wins, it never ends
        ResendSmsResult third = world.resend("13900000002", tail(BOB_ID));
        world.clock.advance(Duration.ofDays(1));
        ResendSmsResult aDayLater = world.resend("13900000002", tail(BOB_ID));

        assertThat(third).isEqualTo(ResendSmsResult.Refused.of(ErrorCode.RESEND_TOO_FREQUENT));
        assertThat(((ResendSmsResult.Refused) third).retryAfter()).isEmpty();
        assertThat(aDayLater).isEqualTo(third);
    }

    @Test
    void atMostTwoManualResendsPerTargetInAll() {
        world.resend("13900000002", tail(BOB_ID));
        world.clock.advance(Duration.ofMinutes(2));
        world.resend("13900000002", tail(BOB_ID));
        world.clock.advance(Duration.ofMinutes(2));
        ResendSmsResult third = world.resend("13900000002", tail(BOB_ID));

        assertThat(((ResendSmsResult.Refused) third).code()).isEqualTo(ErrorCode.RESEND_TOO_FREQUENT);
        assertThat(world.carrier.callsTo("13900000002")).hasSize(3);
    }

    // ---- DOMAIN.md "Manual resend", 2026-12-07: 您的短信已发送成功 only for an SMS that goes out now ----

    static final Instant START = MutableClock.shanghai(2026, 11, 28, 10, 0);

    /** A world with the carriers' ceilings per phone (1 a minute, 5 an hour, 10 a day), and Bob's first SMS sent at START. */
    static CoreFixture capped() {
        CoreFixture capped = new CoreFixture(START, SmsCeilings.defaults());
        capped.submitNewWebsite("c1", "capped.cn", BOB);
        return capped;
    }

    private static ResendSmsResult.Refused refused(ResendSmsResult result) {
        assertThat(result).isInstanceOf(ResendSmsResult.Refused.class);
        return (ResendSmsResult.Refused) result;
    }

    @Test
    void rightAfterTheFirstSmsAResendIsRefusedWithTheSecondsUntilThePhoneMayReceiveItsNext() {
        CoreFixture capped = capped();
        capped.clock.advance(Duration.ofSeconds(5));

        ResendSmsResult r = capped.resend("13900000002", tail(BOB_ID));

        assertThat(r).isEqualTo(ResendSmsResult.Refused.of(ErrorCode.RESEND_TOO_FREQUENT, Duration.ofSeconds(55)));
        assertThat(capped.carrier.callsTo("13900000002")).hasSize(1);
        assertThat(capped.outbox.all()).extracting(OutboundSms::trigger).containsExactly(SmsTrigger.INITIAL);
        // nothing went, so nothing is charged to the target's two resends
        assertThat(capped.applications.all().get(0).targets().get(0).manualResends()).isZero();
        assertThat(capped.audit.entries()).extracting(e -> e.outcome()).containsExactly("RESEND_TOO_FREQUENT");
    }

    @Test
    void whenThePhoneMayReceiveItsNextSmsTheResendIsSentAndGoesOutAtOnceNotHeldBack() {
        CoreFixture capped = capped();
        capped.clock.advance(Duration.ofSeconds(5));
        Duration wait = refused(capped.resend("13900000002", tail(BOB_ID))).retryAfter().orElseThrow();
        capped.clock.advance(wait);

        ResendSmsResult r = capped.resend("13900000002", tail(BOB_ID)); // the fixture dispatches right after

        assertThat(r).isEqualTo(new ResendSmsResult.Sent(1));
        assertThat(capped.carrier.callsTo("13900000002")).hasSize(2);
        OutboundSms resent = capped.outbox.all().get(1);
        assertThat(resent.trigger()).isEqualTo(SmsTrigger.MANUAL_RESEND);
        assertThat(resent.status()).isEqualTo(OutboundSms.OutboxStatus.SENT);
        assertThat(capped.eventTypes()).doesNotContain(EventType.SMS_HELD_BACK);
    }

    @Test
    void aFirstSmsStillQueuedCountsAsSentNowSoTheResendWaitsAFullMinute() {
        CoreFixture capped = new CoreFixture(START, SmsCeilings.defaults());
        capped.submission.submit(capped.command("q1", FilingType.NEW_WEBSITE, "TJ", null,
                List.of(new WebsiteInput("queued.cn", BOB)))); // queued, not yet with the carrier
        capped.clock.advance(Duration.ofSeconds(2));

        ResendSmsResult r = capped.resend("13900000002", tail(BOB_ID)); // decided before the fixture dispatches

        assertThat(r).isEqualTo(ResendSmsResult.Refused.of(ErrorCode.RESEND_TOO_FREQUENT, Duration.ofSeconds(60)));
        assertThat(capped.outbox.all()).extracting(OutboundSms::trigger).containsExactly(SmsTrigger.INITIAL);
    }

    /**
     * Bob's noon resend held back by the phone's minute: a manual resend at 11:59:30 of the next day went out,
     * then the noon job queued the automatic one at 12:00.
     */
    private static CoreFixture noonResendHeldBack() {
        CoreFixture capped = capped();
        capped.clock.set(MutableClock.shanghai(2026, 11, 29, 11, 59).plusSeconds(30));
        assertThat(capped.resend("13900000002", tail(BOB_ID))).isEqualTo(new ResendSmsResult.Sent(1));
        capped.clock.set(MutableClock.shanghai(2026, 11, 29, 12, 0));
        assertThat(capped.autoResends.sendAutoResends(100).done()).isEqualTo(1);
        capped.dispatch();
        return capped;
    }

    @Test
    void theNoonResendIsNeverRefusedByTheCeilingOnlyDelayedUntilThePhoneMayReceiveIt() {
        CoreFixture capped = noonResendHeldBack();
        Instant noon = capped.clock.now();

        OutboundSms noonSms = capped.outbox.all().stream().filter(m -> m.trigger() == SmsTrigger.AUTO_RESEND)
                .findFirst().orElseThrow();
        assertThat(noonSms.status()).isEqualTo(OutboundSms.OutboxStatus.QUEUED);
        assertThat(noonSms.isHeldBack()).isTrue();
        assertThat(noonSms.nextAttemptAt()).isEqualTo(noon.plusSeconds(30));
        assertThat(capped.eventsOf(CoreFixture.PROVIDER)).filteredOn(e -> e.event().type() == EventType.SMS_HELD_BACK)
                .singleElement().satisfies(e -> assertThat(e.event().trigger()).isEqualTo(SmsTrigger.AUTO_RESEND));

        capped.clock.set(noon.plusSeconds(30));
        capped.dispatch();
        assertThat(capped.carrier.callsTo("13900000002")).hasSize(3);
        assertThat(capped.eventsOf(CoreFixture.PROVIDER)).filteredOn(e -> e.event().type() == EventType.SMS_SENT
                && e.event().trigger() == SmsTrigger.AUTO_RESEND).hasSize(1);
    }

    @Test
    void aHeldBackNoonResendCountsAsTheSmsItWillBeSoAManualResendWaitsAMinuteAfterIt() {
        CoreFixture capped = noonResendHeldBack(); // last SMS 11:59:30, the noon one goes at 12:00:30
        capped.clock.advance(Duration.ofSeconds(10));

        ResendSmsResult r = capped.resend("13900000002", tail(BOB_ID));

        // counting only what was sent, the phone would be free at 12:00:30 (20 s); the noon SMS then takes that slot
        assertThat(r).isEqualTo(ResendSmsResult.Refused.of(ErrorCode.RESEND_TOO_FREQUENT, Duration.ofSeconds(80)));
    }

    @Test
    void pastThePhonesHourlyCeilingAResendWaitsUntilItsOldestSmsOfTheHourLeavesIt() {
        CoreFixture capped = new CoreFixture(START, SmsCeilings.defaults());
        for (int i = 1; i <= 5; i++) { // five applications of Bob's, one SMS each, two minutes apart
            capped.submitNewWebsite("h" + i, "hour" + i + ".cn", BOB);
            capped.clock.advance(Duration.ofMinutes(2));
        }

        ResendSmsResult r = capped.resend("13900000002", tail(BOB_ID)); // at 10:10, the first went at 10:00

        assertThat(r).isEqualTo(ResendSmsResult.Refused.of(ErrorCode.RESEND_TOO_FREQUENT, Duration.ofMinutes(50)));
        assertThat(capped.carrier.callsTo("13900000002")).hasSize(5);
    }

    @Test
    void twoPeopleSharingAPhoneDoNotBothGetSentWithinItsMinute() {
        CoreFixture capped = capped();
        capped.clock.advance(Duration.ofMinutes(2));
        PersonInput carol = person("王芳", "13900000002", residentId(3)); // Bob's wife, on his phone
        capped.submitNewWebsite("c2", "shared.cn", carol);
        capped.clock.advance(Duration.ofMinutes(2));

        ResendSmsResult bobs = capped.resend("13900000002", tail(BOB_ID));
        capped.clock.advance(Duration.ofSeconds(1));
        ResendSmsResult carols = capped.resend("13900000002", tail(residentId(3)));

        assertThat(bobs).isEqualTo(new ResendSmsResult.Sent(1));
        assertThat(carols).isEqualTo(ResendSmsResult.Refused.of(ErrorCode.RESEND_TOO_FREQUENT, Duration.ofSeconds(59)));
    }

    @Test
    void targetsOfOnePersonSharingAPhoneTakeTurnsUnderItsCeilingLeastRecentlyResentFirst() {
        CoreFixture capped = capped(); // Bob's first application, c1
        capped.clock.advance(Duration.ofMinutes(2));
        capped.submitNewWebsite("c2", "second.cn", BOB); // his second, on the same phone
        capped.clock.advance(Duration.ofMinutes(2));

        assertThat(capped.resend("13900000002", tail(BOB_ID))).isEqualTo(new ResendSmsResult.Sent(1));
        capped.clock.advance(Duration.ofMinutes(1));
        assertThat(capped.resend("13900000002", tail(BOB_ID))).isEqualTo(new ResendSmsResult.Sent(1));

        // one SMS each time (the phone takes one a minute), one to each application's target in turn
        assertThat(capped.applications.all()).extracting(a -> a.targets().get(0).manualResends()).containsExactly(1, 1);
        assertThat(capped.eventTypes()).doesNotContain(EventType.SMS_HELD_BACK);
    }

    /** DOMAIN.md "Codes" (revised 2026-12-07): one code per target, so a resend shuts out nobody and adds no code. */
    @Test
    void aManualResendRepeatsTheTargetsCode() {
        String first = world.carrier.lastCodeTo("13900000002");
        world.resend("13900000002", tail(BOB_ID));
        world.clock.advance(Duration.ofMinutes(2));
        world.resend("13900000002", tail(BOB_ID));

        assertThat(world.carrier.callsTo("13900000002")).hasSize(3).allSatisfy(sms -> assertThat(sms.code()).isEqualTo(first));
        assertThat(world.applications.all().get(0).targets().get(0).codeHashes()).hasSize(1);
        assertThat(world.verify("13900000002", tail(BOB_ID), first)).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    @Test
    void theCaptchaIsCheckedFirstOnResend() {
        IssuedCaptcha c = world.captcha();
        ResendSmsResult r = world.resends.resend(new ResendSmsCommand("13900000002", tail(BOB_ID), c.captchaId(),
                "WRONG", "203.0.113.9"));

        assertThat(((ResendSmsResult.Refused) r).code()).isEqualTo(ErrorCode.CAPTCHA_INVALID);
        assertThat(world.carrier.callsTo("13900000002")).hasSize(1);
    }

    @Test
    void aVerifiedTargetHasNothingToResend() {
        world.verify("13900000002", tail(BOB_ID), world.carrier.lastCodeTo("13900000002"));

        assertThat(((ResendSmsResult.Refused) world.resend("13900000002", tail(BOB_ID))).code())
                .isEqualTo(ErrorCode.RECORD_NOT_FOUND);
    }

    @Test
    void everyResendAttemptIsAudited() {
        world.resend("13900000002", tail(BOB_ID));
        world.resend("13900000002", "000000");

        assertThat(world.audit.entries()).extracting(e -> e.action() + ":" + e.outcome())
                .containsExactly("RESEND:SENT", "RESEND:RECORD_NOT_FOUND");
    }
}
