package beian.verify.core.rules;

import static beian.verify.core.testing.People.person;
import static beian.verify.core.testing.People.residentId;
import static beian.verify.core.testing.People.tail;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.ErrorCode;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.IssueCaptchaUseCase.IssuedCaptcha;
import beian.verify.core.port.in.ResendSmsUseCase.ResendSmsCommand;
import beian.verify.core.port.in.ResendSmsUseCase.ResendSmsResult;
import beian.verify.core.port.in.SubmitApplicationUseCase.PersonInput;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeResult;
import beian.verify.core.testing.CoreFixture;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DOMAIN.md "Manual resend (短信重发)" and the resend wording of "What the page says". */
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
    void atMostTwoManualResendsPerTargetInAll() {
        world.resend("13900000002", tail(BOB_ID));
        world.clock.advance(Duration.ofMinutes(2));
        world.resend("13900000002", tail(BOB_ID));
        world.clock.advance(Duration.ofMinutes(2));
        ResendSmsResult third = world.resend("13900000002", tail(BOB_ID));

        assertThat(((ResendSmsResult.Refused) third).code()).isEqualTo(ErrorCode.RESEND_TOO_FREQUENT);
        assertThat(world.carrier.callsTo("13900000002")).hasSize(3);
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
