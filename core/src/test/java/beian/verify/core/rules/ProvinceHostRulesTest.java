package beian.verify.core.rules;

import static beian.verify.core.testing.People.person;
import static beian.verify.core.testing.People.residentId;
import static beian.verify.core.testing.People.tail;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.ErrorCode;
import beian.verify.core.port.in.IssueCaptchaUseCase.IssuedCaptcha;
import beian.verify.core.port.in.ResendSmsUseCase.ResendSmsCommand;
import beian.verify.core.port.in.ResendSmsUseCase.ResendSmsResult;
import beian.verify.core.port.in.SubmitApplicationUseCase.PersonInput;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeCommand;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeResult;
import beian.verify.core.testing.CoreFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DOMAIN.md "Verifying": the platform reached at a province's platform host considers that
 * province's applications only; reached by any other host, every province. The same for the resend.
 */
class ProvinceHostRulesTest {
    static final String ALICE_ID = residentId("11010519491231002");
    static final PersonInput ALICE = person("张三", "13800000001", ALICE_ID);

    final CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);
    String aliceCode;

    @BeforeEach
    void aTianjinApplication() {
        world.submitNewWebsite("r1", "a.cn", ALICE); // TJ
        aliceCode = world.carrier.lastCodeTo("13800000001");
    }

    private VerifyCodeResult verifyAt(String platformProvince) {
        IssuedCaptcha c = world.captcha();
        return world.verification.verify(new VerifyCodeCommand("13800000001", tail(ALICE_ID), aliceCode,
                c.captchaId(), c.answer(), "203.0.113.9", platformProvince));
    }

    private ResendSmsResult resendAt(String platformProvince) {
        IssuedCaptcha c = world.captcha();
        return world.resends.resend(new ResendSmsCommand("13800000001", tail(ALICE_ID), c.captchaId(), c.answer(),
                "203.0.113.9", platformProvince));
    }

    @Test
    void anotherProvincesPlatformHostDoesNotConsiderThisProvincesApplications() {
        assertThat(verifyAt("GS")).isEqualTo(VerifyCodeResult.Refused.of(ErrorCode.RECORD_NOT_FOUND));
    }

    @Test
    void theProvincesOwnPlatformHostConsidersItsApplications() {
        assertThat(verifyAt("TJ")).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    @Test
    void anyOtherHostConsidersEveryProvince() {
        assertThat(verifyAt(null)).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    @Test
    void theResendIsScopedTheSameWay() {
        assertThat(resendAt("GS")).isEqualTo(ResendSmsResult.Refused.of(ErrorCode.RECORD_NOT_FOUND));
        assertThat(resendAt("TJ")).isEqualTo(new ResendSmsResult.Sent(1));
    }

    // ---- the host scopes what a form considers, never what the phone's other provinces are told or hold ----

    private VerifyCodeResult missAt(String platformProvince, String address, int guess) {
        IssuedCaptcha c = world.captcha();
        String code = String.format("%06d", guess);
        if (code.equals(aliceCode)) {
            code = String.format("%06d", guess + 500_000);
        }
        return world.verification.verify(new VerifyCodeCommand("13800000001", tail(ALICE_ID), code,
                c.captchaId(), c.answer(), address, platformProvince));
    }

    /**
     * A stranger who locks Alice's phone through Gansu's platform host (or any host whose province has no
     * application on her phone) locks it for her Tianjin application too: so her provider must hear of it
     * (DOMAIN.md step 5: "an event for each provider with a pending target on that phone").
     */
    @Test
    void aPhoneLockReachedThroughAnotherProvincesHostIsToldToEveryProviderWithAPendingTargetOnThePhone() {
        int misses = world.settings.phoneMissLimit();
        for (int i = 0; i < misses; i++) {
            String network = "198.51.100." + (i / (world.settings.codeMissLimit() - 1) + 1);
            assertThat(missAt("GS", network, i)).isEqualTo(VerifyCodeResult.Refused.of(ErrorCode.RECORD_NOT_FOUND));
        }

        assertThat(verifyAt("TJ")).extracting(r -> ((VerifyCodeResult.Refused) r).code())
                .as("the phone is locked on every host").isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS);
        assertThat(world.eventTypes()).as("the Tianjin application's provider is told").contains(
                beian.verify.core.domain.EventType.VERIFICATION_THROTTLED);
    }

    /**
     * One code per target, and never one another target of the phone still holds, whatever host the SMS was
     * asked on: a target stored before one code per target (so its resend draws its code) resent through
     * Gansu's host is checked against Alice's Tianjin code too (DOMAIN.md "Codes": phone + code always points
     * at one target).
     */
    @Test
    void aCodeDrawnThroughOneProvincesHostNeverEqualsAValidCodeOfAnotherProvincesApplicationOnThePhone() {
        beian.verify.core.port.in.ApplicationView gansu = world.submitOk(world.command("g1",
                beian.verify.core.domain.FilingType.NEW_WEBSITE, "GS", null, java.util.List.of(
                        new beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput("g.cn", ALICE))));
        world.storeAsBeforeOneCodePerTarget(gansu.applicationId(), 1, "135791");
        world.clock.advance(java.time.Duration.ofMinutes(2));
        world.codes.then(aliceCode, "246802"); // the resend's first draw collides with her Tianjin code

        assertThat(resendAt("GS")).isEqualTo(new ResendSmsResult.Sent(1));
        world.dispatch();

        assertThat(world.carrier.lastCodeTo("13800000001")).isEqualTo("246802");
        assertThat(verifyAt(null)).as("her Tianjin code still points at her Tianjin target alone")
                .isInstanceOf(VerifyCodeResult.Verified.class);
        assertThat(world.view(gansu.applicationId()).targets().get(0).status())
                .isEqualTo(beian.verify.core.domain.TargetStatus.PENDING);
    }
}
