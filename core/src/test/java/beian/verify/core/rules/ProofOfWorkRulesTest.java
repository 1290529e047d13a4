package beian.verify.core.rules;

import static beian.verify.core.testing.People.person;
import static beian.verify.core.testing.People.residentId;
import static beian.verify.core.testing.People.tail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.InvalidSettingException;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProvinceCatalog;
import beian.verify.core.domain.VerificationPolicy;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.port.in.IssueCaptchaUseCase.IssuedCaptcha;
import beian.verify.core.port.in.IssueProofOfWorkUseCase.ProofOfWorkChallenge;
import beian.verify.core.port.in.ResendSmsUseCase.ResendSmsCommand;
import beian.verify.core.port.in.ResendSmsUseCase.ResendSmsResult;
import beian.verify.core.port.in.SubmitApplicationUseCase.PersonInput;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeCommand;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeResult;
import beian.verify.core.port.out.KeyedHasher;
import beian.verify.core.service.IssueProofOfWorkService;
import beian.verify.core.service.SecureRandomSource;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.HmacTestHasher;
import beian.verify.core.testing.MutableClock;
import beian.verify.core.testing.ProofOfWorkSolver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DOMAIN.md "The picture captcha": an alternative that needs no sight, for the same forms and under the
 * same limits (GB/T 37668-2019, WCAG 2.1 SC 1.1.1). Built as a proof of work the browser solves by
 * itself: find n in 0..maxNumber with SHA-256(salt + n) = challenge, answer n. It is a captcha of equal
 * standing: the same gate of step 1 (wrong, expired or used → CAPTCHA_INVALID, no counter moves), and
 * everything after the gate, the limits of step 5 included, as with a picture.
 */
class ProofOfWorkRulesTest {
    static final String ALICE_ID = residentId("11010519491231002");
    static final String ALICE_PHONE = "13800000001";
    static final PersonInput ALICE = person("张三", ALICE_PHONE, ALICE_ID);
    static final String BOB_PHONE = "13900000002";
    static final String BOB_ID = residentId(2);
    static final String ADDRESS = "203.0.113.9";
    /** Small, so a test solves a challenge in microseconds; the rules do not depend on the size. */
    static final int MAX_NUMBER = 2_000;

    final CoreFixture world = new CoreFixture(MutableClock.shanghai(2026, 12, 8, 10, 0), ProvinceCatalog.defaults(),
            VerificationPolicy.defaults(), VerificationSettings.defaults().withProofOfWorkMaxNumber(MAX_NUMBER));
    String aliceCode;
    String bobCode;

    @BeforeEach
    void twoTargets() {
        world.submitNewFiling("pow-1", ALICE, person("李四", BOB_PHONE, BOB_ID));
        aliceCode = world.carrier.lastCodeTo(ALICE_PHONE);
        bobCode = world.carrier.lastCodeTo(BOB_PHONE);
    }

    private VerifyCodeResult verify(String code, String captchaId, String answer) {
        return verifyFrom(ADDRESS, code, captchaId, answer);
    }

    private VerifyCodeResult verifyFrom(String address, String code, String captchaId, String answer) {
        return world.verification.verify(new VerifyCodeCommand(ALICE_PHONE, tail(ALICE_ID), code, captchaId, answer,
                address));
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private void assertNoCounterMoved() {
        assertThat(world.applications.all().get(0).targets().get(0).idFailures()).isZero();
        assertThat(world.tx.inTransaction(() -> world.throttles.lock(new PhoneNumber(ALICE_PHONE))).recentMisses())
                .isEmpty();
    }

    static void assertRefused(Object result, ErrorCode code) {
        VerificationRulesTest.assertRefused(result, code);
    }

    @Test
    void theChallengeIsSha256OfTheSaltAndASecretNumberFromZeroToMaxNumberInDecimal() throws Exception {
        Set<Integer> drawn = new HashSet<>();
        VerificationSettings tiny = VerificationSettings.defaults().withProofOfWorkMaxNumber(3);
        IssueProofOfWorkService issuer = new IssueProofOfWorkService(tiny, world.clock, new HmacTestHasher(),
                new SecureRandomSource());
        for (int i = 0; i < 200; i++) {
            ProofOfWorkChallenge c = issuer.issue();
            int n = ProofOfWorkSolver.solve(c.salt(), c.challenge(), c.maxNumber());
            assertThat(c.challenge()).isEqualTo(sha256Hex(c.salt() + n));
            drawn.add(n);
        }
        assertThat(drawn).as("0 and maxNumber both drawn, nothing outside").containsExactlyInAnyOrder(0, 1, 2, 3);

        ProofOfWorkChallenge c = world.proofOfWork.issue();
        assertThat(c.algorithm()).isEqualTo("SHA-256");
        assertThat(c.maxNumber()).isEqualTo(MAX_NUMBER);
        assertThat(c.challenge()).matches("[0-9a-f]{64}");
        assertThat(c.salt()).matches("[A-Za-z0-9_-]{16}");
        assertThat(c.captchaId()).startsWith("pow." + c.salt() + ".").hasSizeLessThanOrEqualTo(64);
        assertThat(c.expiresAt()).isEqualTo(world.clock.now().plus(Duration.ofMinutes(5)));
    }

    @Test
    void aSolvedProofOfWorkPassesTheGateOnce() {
        ProofOfWorkChallenge c = world.proofOfWork.issue();
        String answer = ProofOfWorkSolver.answer(c);

        assertThat(verify(aliceCode, c.captchaId(), answer)).isInstanceOf(VerifyCodeResult.Verified.class);
        assertRefused(verify(aliceCode, c.captchaId(), answer), ErrorCode.CAPTCHA_INVALID);
    }

    @Test
    void aSolvedProofOfWorkPassesTheResendFormToo() {
        world.clock.advance(Duration.ofMinutes(2)); // past any SMS ceiling of the first SMS
        ProofOfWorkChallenge c = world.proofOfWork.issue();
        ResendSmsResult r = world.resends.resend(new ResendSmsCommand(BOB_PHONE, tail(BOB_ID), c.captchaId(),
                ProofOfWorkSolver.answer(c), ADDRESS));

        assertThat(r).isInstanceOf(ResendSmsResult.Sent.class);
    }

    @Test
    void aProofOfWorkUsedOnOneFormIsRefusedOnTheOther() {
        ProofOfWorkChallenge c = world.proofOfWork.issue();
        String answer = ProofOfWorkSolver.answer(c);
        assertThat(verify(aliceCode, c.captchaId(), answer)).isInstanceOf(VerifyCodeResult.Verified.class);

        ResendSmsResult r = world.resends.resend(new ResendSmsCommand(BOB_PHONE, tail(BOB_ID), c.captchaId(), answer,
                ADDRESS));
        assertThat(((ResendSmsResult.Refused) r).code()).isEqualTo(ErrorCode.CAPTCHA_INVALID);
    }

    @Test
    void aWrongNumberAnswersCaptchaInvalidMovesNoCounterAndUsesTheChallengeUp() {
        ProofOfWorkChallenge c = world.proofOfWork.issue();
        int n = ProofOfWorkSolver.solve(c.salt(), c.challenge(), c.maxNumber());
        String wrong = Integer.toString(n == MAX_NUMBER ? n - 1 : n + 1);

        assertRefused(verify("000000", c.captchaId(), wrong), ErrorCode.CAPTCHA_INVALID);
        assertNoCounterMoved();
        assertRefused(verify(aliceCode, c.captchaId(), Integer.toString(n)), ErrorCode.CAPTCHA_INVALID);
    }

    @Test
    void onlyTheNumberAsABrowserWritesItAnswers() {
        for (String unlike : List.of("0%d", "+%d", "%d.0", "%d ", "-%d", "%dx", "", "  ")) {
            ProofOfWorkChallenge c = world.proofOfWork.issue();
            int n = ProofOfWorkSolver.solve(c.salt(), c.challenge(), c.maxNumber());
            String answer = unlike.formatted(n);
            VerifyCodeResult r = verify(aliceCode, c.captchaId(), answer);
            if (answer.strip().equals(Integer.toString(n))) {
                assertThat(r).as("'" + answer + "' is the number with blanks around").isInstanceOf(VerifyCodeResult.Verified.class);
            } else {
                assertRefused(r, ErrorCode.CAPTCHA_INVALID);
            }
        }
        assertNoCounterMoved();
    }

    @Test
    void anExpiredProofOfWorkIsInvalidAndMovesNoCounter() {
        ProofOfWorkChallenge c = world.proofOfWork.issue();
        String answer = ProofOfWorkSolver.answer(c);
        world.clock.advance(Duration.ofMinutes(5));

        assertRefused(verify("000000", c.captchaId(), answer), ErrorCode.CAPTCHA_INVALID);
        assertNoCounterMoved();
    }

    /**
     * The effort is the server's secret, never the client's word: a changed salt (one whose number the forger
     * knows) or a later expiry, a token made with another key and the least effort (maxNumber 0), and either
     * kind's parts presented as the other kind all fail, with the number or text that solves them.
     */
    @Test
    void aForgedOrCheapenedProofOfWorkAnswersCaptchaInvalidAndMovesNoCounter() throws Exception {
        ProofOfWorkChallenge c = world.proofOfWork.issue();
        String answer = ProofOfWorkSolver.answer(c);
        String[] parts = c.captchaId().split("\\.");
        String otherSalt = "pow." + (parts[1].charAt(0) == 'A' ? "B" : "A") + parts[1].substring(1) + "." + parts[2]
                + "." + parts[3];
        String later = "pow." + parts[1] + "." + Long.toString(Long.parseLong(parts[2], 36) + 3600, 36) + "." + parts[3];
        KeyedHasher otherKey = (purpose, value) -> {
            try {
                return sha256Hex("guessed-key" + purpose + value);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        ProofOfWorkChallenge cheap = new IssueProofOfWorkService(VerificationSettings.defaults().withProofOfWorkMaxNumber(1),
                world.clock, otherKey, new SecureRandomSource()).issue();
        IssuedCaptcha picture = world.captcha();
        String pictureAsProofOfWork = "pow." + picture.captchaId();
        String proofOfWorkAsPicture = parts[1] + "." + parts[2] + "." + parts[3];

        assertRefused(verify(aliceCode, otherSalt, answer), ErrorCode.CAPTCHA_INVALID);
        assertRefused(verify(aliceCode, later, answer), ErrorCode.CAPTCHA_INVALID);
        assertRefused(verify(aliceCode, cheap.captchaId(), ProofOfWorkSolver.answer(cheap)), ErrorCode.CAPTCHA_INVALID);
        assertRefused(verify(aliceCode, pictureAsProofOfWork, picture.answer()), ErrorCode.CAPTCHA_INVALID);
        assertRefused(verify(aliceCode, proofOfWorkAsPicture, answer), ErrorCode.CAPTCHA_INVALID);
        assertNoCounterMoved();
        // the real one, untouched, still passes: the forgeries used up only themselves
        assertThat(verify(aliceCode, c.captchaId(), answer)).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    @Test
    void aPictureAndAProofOfWorkDoNotAnswerEachOther() {
        ProofOfWorkChallenge c = world.proofOfWork.issue();
        IssuedCaptcha picture = world.captcha();

        assertRefused(verify(aliceCode, c.captchaId(), picture.answer()), ErrorCode.CAPTCHA_INVALID);
        assertRefused(verify(aliceCode, picture.captchaId(), ProofOfWorkSolver.answer(c)), ErrorCode.CAPTCHA_INVALID);
        assertNoCounterMoved();
    }

    /** Step 5 unchanged: ten misses from one network, each behind a solved proof of work, lock that network out. */
    @Test
    void theMissLimitsApplyTheSameBehindAProofOfWork() {
        for (int i = 0; i < 10; i++) {
            ProofOfWorkChallenge c = world.proofOfWork.issue();
            String wrongCode = String.format("%06d", i);
            if (wrongCode.equals(aliceCode)) {
                wrongCode = "999999";
            }
            assertRefused(verify(wrongCode, c.captchaId(), ProofOfWorkSolver.answer(c)), ErrorCode.RECORD_NOT_FOUND);
        }
        ProofOfWorkChallenge c = world.proofOfWork.issue();
        assertRefused(verify(aliceCode, c.captchaId(), ProofOfWorkSolver.answer(c)), ErrorCode.TOO_MANY_ATTEMPTS);
        // another network is not locked out, whichever kind of captcha it solves
        ProofOfWorkChallenge other = world.proofOfWork.issue();
        assertThat(verifyFrom("198.51.100.7", aliceCode, other.captchaId(), ProofOfWorkSolver.answer(other)))
                .isInstanceOf(VerifyCodeResult.Verified.class);
    }

    /** "Manual resend": a wrong ID tail there is a miss of step 5, behind a proof of work as behind a picture. */
    @Test
    void aWrongIdTailOnTheResendFormBehindAProofOfWorkIsAMiss() {
        ProofOfWorkChallenge c = world.proofOfWork.issue();
        ResendSmsResult r = world.resends.resend(new ResendSmsCommand(BOB_PHONE, "00000X", c.captchaId(),
                ProofOfWorkSolver.answer(c), ADDRESS));

        assertThat(((ResendSmsResult.Refused) r).code()).isEqualTo(ErrorCode.RECORD_NOT_FOUND);
        assertThat(world.tx.inTransaction(() -> world.throttles.lock(new PhoneNumber(BOB_PHONE))).recentMisses())
                .hasSize(1);
    }

    @Test
    void issuingAProofOfWorkWritesNothingAndACheckedOneIsForgottenOnceExpired() {
        world.proofOfWork.issue();
        assertThat(world.captchaPurge.purgeExpired()).isZero();

        ProofOfWorkChallenge c = world.proofOfWork.issue();
        assertRefused(verify("000000", c.captchaId(), "0".equals(ProofOfWorkSolver.answer(c)) ? "1" : "0"),
                ErrorCode.CAPTCHA_INVALID);
        world.clock.advance(Duration.ofMinutes(5));
        assertThat(world.captchaPurge.purgeExpired()).isEqualTo(1);
    }

    @Test
    void theIdFitsTheApisSixtyFourCharactersUntilTheYear2100() {
        CoreFixture late = new CoreFixture(MutableClock.shanghai(2100, 1, 1, 0, 0), ProvinceCatalog.defaults(),
                VerificationPolicy.defaults(), VerificationSettings.defaults().withProofOfWorkMaxNumber(1));

        assertThat(late.proofOfWork.issue().captchaId()).hasSizeLessThanOrEqualTo(64);
    }

    @Test
    void theMaxNumberIsASettingFromOneToAHundredMillion() {
        assertThat(VerificationSettings.defaults().proofOfWorkMaxNumber())
                .isEqualTo(VerificationSettings.DEFAULT_PROOF_OF_WORK_MAX_NUMBER);
        assertThatThrownBy(() -> VerificationSettings.defaults().withProofOfWorkMaxNumber(0))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("proof-of-work-max-number");
        assertThatThrownBy(() -> VerificationSettings.defaults().withProofOfWorkMaxNumber(100_000_001))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("proof-of-work-max-number");
        assertThat(VerificationSettings.defaults().withProofOfWorkMaxNumber(100_000_000).proofOfWorkMaxNumber())
                .isEqualTo(100_000_000);
    }
}
