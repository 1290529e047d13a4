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
}
