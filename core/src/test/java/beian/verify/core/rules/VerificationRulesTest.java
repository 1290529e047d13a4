package beian.verify.core.rules;

import static beian.verify.core.testing.People.person;
import static beian.verify.core.testing.People.residentId;
import static beian.verify.core.testing.People.tail;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.EventType;
import beian.verify.core.domain.ReturnReason;
import beian.verify.core.domain.TargetStatus;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.IssueCaptchaUseCase.IssuedCaptcha;
import beian.verify.core.port.in.SubmitApplicationUseCase.PersonInput;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeCommand;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeResult;
import beian.verify.core.testing.CoreFixture;
import java.util.List;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** DOMAIN.md "Verifying (on the province's verification platform)" and "What the page says". */
class VerificationRulesTest {
    static final String ALICE_ID = residentId("11010519491231002");
    static final String BOB_ID = residentId(2);
    static final PersonInput ALICE = person("张三", "13800000001", ALICE_ID);
    static final PersonInput BOB = person("李四", "13900000002", BOB_ID);

    final CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);
    ApplicationView application;
    String aliceCode;
    String bobCode;

    @BeforeEach
    void twoTargets() {
        application = world.submitNewFiling("r1", ALICE, BOB);
        aliceCode = world.carrier.lastCodeTo("13800000001");
        bobCode = world.carrier.lastCodeTo("13900000002");
    }

    @Test
    void aWrongCaptchaAnswersCaptchaInvalidAndMovesNoCounter() {
        IssuedCaptcha c = world.captcha();
        VerifyCodeResult r = world.verification.verify(new VerifyCodeCommand("13800000001", "000000", aliceCode,
                c.captchaId(), "WRONG", "203.0.113.9"));

        assertRefused(r, ErrorCode.CAPTCHA_INVALID);
        assertThat(stored().targets().get(0).idFailures()).isZero();
        assertThat(world.tx.inTransaction(() -> world.throttles.lock(new beian.verify.core.domain.PhoneNumber("13800000001")))
                .recentMisses()).isEmpty();
    }

    @Test
    void aCaptchaIsSingleUseEvenWhenTheFirstCheckWasRight() {
        IssuedCaptcha c = world.captcha();
        VerifyCodeCommand command = new VerifyCodeCommand("13800000001", tail(ALICE_ID), aliceCode, c.captchaId(),
                c.answer(), "203.0.113.9");

        assertThat(world.verification.verify(command)).isInstanceOf(VerifyCodeResult.Verified.class);
        assertRefused(world.verification.verify(command), ErrorCode.CAPTCHA_INVALID);
    }

    @Test
    void aWrongCaptchaAnswerUsesTheCaptchaUp() {
        IssuedCaptcha c = world.captcha();
        world.verification.verify(new VerifyCodeCommand("13800000001", tail(ALICE_ID), aliceCode, c.captchaId(),
                "WRONG", "203.0.113.9"));

        assertRefused(world.verification.verify(new VerifyCodeCommand("13800000001", tail(ALICE_ID), aliceCode,
                c.captchaId(), c.answer(), "203.0.113.9")), ErrorCode.CAPTCHA_INVALID);
    }

    @Test
    void anExpiredCaptchaIsInvalid() {
        IssuedCaptcha c = world.captcha();
        world.clock.advance(Duration.ofMinutes(5));

        assertRefused(world.verification.verify(new VerifyCodeCommand("13800000001", tail(ALICE_ID), aliceCode,
                c.captchaId(), c.answer(), "203.0.113.9")), ErrorCode.CAPTCHA_INVALID);
    }

    @Test
    void usedCaptchaMarksAreDroppedByTheDueWorkOnceTheirCaptchaExpired() {
        IssuedCaptcha expired = world.captcha();
        assertRefused(world.verification.verify(new VerifyCodeCommand("13800000001", "00000X", "000000",
                expired.captchaId(), "WRONG", "203.0.113.9")), ErrorCode.CAPTCHA_INVALID);
        world.clock.advance(Duration.ofMinutes(4));
        IssuedCaptcha fresh = world.captcha();
        assertRefused(world.verification.verify(new VerifyCodeCommand("13800000001", "00000X", "000000",
                fresh.captchaId(), "WRONG", "203.0.113.9")), ErrorCode.CAPTCHA_INVALID);
        world.clock.advance(Duration.ofMinutes(1));

        assertThat(world.captchaPurge.purgeExpired()).isEqualTo(1);
        // the live captcha stays used: answering it right now is still refused
        assertRefused(world.verification.verify(new VerifyCodeCommand("13800000001", "00000X", "000000",
                fresh.captchaId(), fresh.answer(), "203.0.113.9")), ErrorCode.CAPTCHA_INVALID);
    }

    @Test
    void aCaptchaWhoseIdWasAlteredPassesWithNoAnswer() {
        IssuedCaptcha c = world.captcha();
        String[] parts = c.captchaId().split("\\.");
        String longer = parts[0] + "." + Long.toString(Long.parseLong(parts[1], 36) + 3600, 36) + "." + parts[2];
        String otherNonce = (parts[0].charAt(0) == 'A' ? "B" : "A") + parts[0].substring(1) + "." + parts[1] + "." + parts[2];

        for (String forged : List.of(longer, otherNonce)) {
            assertRefused(world.verification.verify(new VerifyCodeCommand("13800000001", tail(ALICE_ID), "000000",
                    forged, c.answer(), "203.0.113.9")), ErrorCode.CAPTCHA_INVALID);
        }
    }

    @Test
    void issuingACaptchaWritesNothing() {
        world.captcha();
        world.captcha();

        assertThat(world.captchaPurge.purgeExpired()).isZero();
        world.clock.advance(Duration.ofHours(1));
        assertThat(world.captchaPurge.purgeExpired()).isZero();
    }

    @Test
    void theCaptchaAnswerIgnoresCase() {
        IssuedCaptcha c = world.captcha();
        assertThat(world.verification.verify(new VerifyCodeCommand("13800000001", tail(ALICE_ID), aliceCode,
                c.captchaId(), c.answer().toLowerCase(), "203.0.113.9"))).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("1380000000", "123456", "123456", "PHONE"),
                Arguments.of("23800000001", "123456", "123456", "PHONE"),
                Arguments.of("13800000001", "12345", "123456", "ID_TAIL"),
                Arguments.of("13800000001", "12345*", "123456", "ID_TAIL"),
                Arguments.of("13800000001", "123456", "12345a", "CODE"),
                Arguments.of("13800000001", "123456", "", "CODE"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedInputAnswersInvalidArgumentNamingTheField(String phone, String idTail, String code, String field) {
        VerifyCodeResult r = world.verify(phone, idTail, code);

        assertRefused(r, ErrorCode.INVALID_ARGUMENT);
        assertThat(((VerifyCodeResult.Refused) r).field()).hasToString(field);
    }

    @Test
    void aMissAnswersRecordNotFoundWithoutSayingWhichOfTheThreeWasWrong() {
        String wrongCode = aliceCode.equals("000000") ? "000001" : "000000";
        VerifyCodeResult wrongCodeResult = world.verify("13800000001", tail(ALICE_ID), wrongCode);
        VerifyCodeResult wrongPhone = world.verify("13600000000", tail(ALICE_ID), aliceCode);
        VerifyCodeResult wrongTail = world.verify("13800000001", "99999X", aliceCode);

        assertThat(wrongCodeResult).isEqualTo(wrongPhone).isEqualTo(wrongTail).isEqualTo(VerifyCodeResult.Refused.of(ErrorCode.RECORD_NOT_FOUND));
    }

    @Test
    void theRightCodeAndTailVerifyTheTargetAndSayOthersOfTheApplicationArePending() {
        VerifyCodeResult r = world.verify("13800000001", tail(ALICE_ID), aliceCode);

        assertThat(r).isEqualTo(new VerifyCodeResult.Verified(1, ApplicationStatus.PENDING_VERIFICATION,
                application.submittedAt(), null));
        assertThat(world.view(application.applicationId()).targets().get(0).status()).isEqualTo(TargetStatus.VERIFIED);
    }

    @Test
    void whenTheLastTargetVerifiesTheApplicationBecomesReadyForReview() {
        world.verify("13800000001", tail(ALICE_ID), aliceCode);
        world.clock.advance(Duration.ofHours(2));
        VerifyCodeResult r = world.verify("13900000002", tail(BOB_ID), bobCode);

        // the answer carries the submission time and the moment it went to review (the metric's timer needs both)
        assertThat(r).isEqualTo(new VerifyCodeResult.Verified(0, ApplicationStatus.READY_FOR_REVIEW,
                application.submittedAt(), application.submittedAt().plus(Duration.ofHours(2))));
        assertThat(world.verify("13900000002", tail(BOB_ID), bobCode)).as("verified before: no second completion")
                .isEqualTo(new VerifyCodeResult.Verified(0, ApplicationStatus.READY_FOR_REVIEW, application.submittedAt(), null));
        assertThat(world.view(application.applicationId()).status()).isEqualTo(ApplicationStatus.READY_FOR_REVIEW);
    }

    @Test
    void theCheckCharacterXMatchesInEitherCase() {
        assertThat(ALICE_ID).endsWith("X");
        VerifyCodeResult r = world.verify("13800000001", tail(ALICE_ID).toLowerCase(), aliceCode);

        assertThat(r).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    @Test
    void idFailuresOneToFourAnswerRecordNotFoundAndTheFifthReturnsTheApplication() {
        for (int i = 1; i <= 4; i++) {
            assertThat(world.verify("13800000001", "000000", aliceCode)).isEqualTo(VerifyCodeResult.Refused.of(ErrorCode.RECORD_NOT_FOUND));
            assertThat(stored().targets().get(0).idFailures()).isEqualTo(i);
            assertThat(stored().status()).isEqualTo(ApplicationStatus.PENDING_VERIFICATION);
        }
        VerifyCodeResult fifth = world.verify("13800000001", "000000", aliceCode);

        assertRefused(fifth, ErrorCode.VERIFICATION_FAILED);
        ApplicationView returned = world.view(application.applicationId());
        assertThat(returned.status()).isEqualTo(ApplicationStatus.RETURNED);
        assertThat(returned.returnReason()).isEqualTo(ReturnReason.VERIFICATION_FAILED);
        assertThat(returned.targets().get(0).status()).isEqualTo(TargetStatus.FAILED);
    }

    @Test
    void afterTheApplicationIsReturnedItsCodesNoLongerWork() {
        for (int i = 0; i < 5; i++) {
            world.verify("13800000001", "000000", aliceCode);
        }
        assertThat(world.verify("13900000002", tail(BOB_ID), bobCode)).isEqualTo(VerifyCodeResult.Refused.of(ErrorCode.RECORD_NOT_FOUND));
        assertThat(world.verify("13800000001", tail(ALICE_ID), aliceCode)).isEqualTo(VerifyCodeResult.Refused.of(ErrorCode.RECORD_NOT_FOUND));
    }

    @Test
    void aTargetAlreadyVerifiedGivenItsCodeAndTailAgainGetsTheSameSuccess() {
        VerifyCodeResult first = world.verify("13800000001", tail(ALICE_ID), aliceCode);
        VerifyCodeResult again = world.verify("13800000001", tail(ALICE_ID), aliceCode);

        assertThat(again).isEqualTo(first);
        assertThat(world.eventsOf(CoreFixture.PROVIDER))
                .filteredOn(e -> e.event().type() == EventType.TARGET_VERIFIED).hasSize(1);
    }

    @Test
    void codesDoNotWorkAtOrAfterTheDeadline() {
        world.clock.set(application.deadline());

        assertThat(world.verify("13800000001", tail(ALICE_ID), aliceCode)).isEqualTo(VerifyCodeResult.Refused.of(ErrorCode.RECORD_NOT_FOUND));
    }

    @Test
    void codesWorkUntilJustBeforeTheDeadline() {
        world.clock.set(application.deadline().minusSeconds(1));

        assertThat(world.verify("13800000001", tail(ALICE_ID), aliceCode)).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    @Test
    void tenWrongCodesFromOneNetworkWithinAnHourLockThatNetworkOutForAnHour() {
        String wrong = aliceCode.equals("111111") ? "222222" : "111111";
        for (int i = 0; i < 9; i++) {
            assertThat(world.verify("13800000001", tail(ALICE_ID), wrong)).isEqualTo(VerifyCodeResult.Refused.of(ErrorCode.RECORD_NOT_FOUND));
            world.clock.advance(Duration.ofMinutes(5));
        }
        assertThat(world.verify("13800000001", tail(ALICE_ID), wrong)).isEqualTo(VerifyCodeResult.Refused.of(ErrorCode.RECORD_NOT_FOUND));

        assertRefused(world.verify("13800000001", tail(ALICE_ID), aliceCode), ErrorCode.TOO_MANY_ATTEMPTS);
        world.clock.advance(Duration.ofMinutes(59));
        assertRefused(world.verify("13800000001", tail(ALICE_ID), aliceCode), ErrorCode.TOO_MANY_ATTEMPTS);
        world.clock.advance(Duration.ofMinutes(1));
        assertThat(world.verify("13800000001", tail(ALICE_ID), aliceCode)).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    @Test
    void wrongCodesSpreadOverMoreThanAnHourDoNotLockThePhone() {
        String wrong = aliceCode.equals("111111") ? "222222" : "111111";
        for (int i = 0; i < 12; i++) {
            world.verify("13800000001", tail(ALICE_ID), wrong);
            world.clock.advance(Duration.ofMinutes(7));
        }

        assertThat(world.verify("13800000001", tail(ALICE_ID), aliceCode)).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    @Test
    void theMissLockOfOnePhoneLeavesOtherPhonesAlone() {
        for (int i = 0; i < 10; i++) {
            world.verify("13800000001", tail(ALICE_ID), aliceCode.equals("111111") ? "222222" : "111111");
        }

        assertThat(world.verify("13900000002", tail(BOB_ID), bobCode)).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    @Test
    void everyVerifyAttemptIsAuditedWithMaskedPhoneOutcomeAndAddressButNeverTheCodeOrIdDigits() {
        world.verify("13800000001", tail(ALICE_ID), aliceCode);
        world.verify("13800000001", "000000", "123456");

        assertThat(world.audit.entries()).hasSize(2);
        assertThat(world.audit.entries().get(0).maskedPhone()).isEqualTo("138****0001");
        assertThat(world.audit.entries().get(0).outcome()).isEqualTo("VERIFIED");
        assertThat(world.audit.entries().get(1).outcome()).isEqualTo("RECORD_NOT_FOUND");
        assertThat(world.audit.entries().get(0).clientAddress()).isEqualTo("203.0.113.9");
        assertThat(world.audit.entries().toString()).doesNotContain(aliceCode).doesNotContain(tail(ALICE_ID))
                .doesNotContain("13800000001");
    }

    private beian.verify.core.domain.ApplicationState stored() {
        return world.applications.all().get(0);
    }

    static void assertRefused(Object result, ErrorCode code) {
        assertThat(result).isInstanceOf(VerifyCodeResult.Refused.class);
        assertThat(((VerifyCodeResult.Refused) result).code()).isEqualTo(code);
    }
}
