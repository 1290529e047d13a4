package beian.verify.core.rules;

import static beian.verify.core.testing.People.person;
import static beian.verify.core.testing.People.residentId;
import static beian.verify.core.testing.People.tail;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.VerificationCode;
import beian.verify.core.port.in.SubmitApplicationUseCase.PersonInput;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeResult;
import beian.verify.core.service.SecureRandomCodeGenerator;
import beian.verify.core.testing.CoreFixture;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** DOMAIN.md "Codes". */
class CodeRulesTest {
    static final String BOB_ID = residentId(2);
    static final String CAROL_ID = residentId(3);

    @Test
    void codesAreSixDecimalDigitsOverTheWholeRangeIncludingLeadingZeros() {
        SecureRandomCodeGenerator generator = new SecureRandomCodeGenerator();
        Set<Character> firstDigits = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String code = generator.next().value();
            assertThat(code).matches("\\d{6}");
            firstDigits.add(code.charAt(0));
        }
        assertThat(firstDigits).as("each leading digit, 0 included, turns up in 2000 draws").hasSize(10);
    }

    @Test
    void aNewCodeNeverEqualsACodeStillValidForAnotherTargetWithTheSamePhone() {
        CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);
        PersonInput bob = person("李四", "13900000002", BOB_ID);
        PersonInput carolOnBobsPhone = person("王五", "13900000002", CAROL_ID);
        world.codes.then("123456", "123456", "654321");

        world.submitNewWebsite("r1", "a.cn", bob);
        world.submitNewWebsite("r2", "b.cn", carolOnBobsPhone);

        assertThat(world.carrier.calls()).extracting(s -> s.code()).containsExactly("123456", "654321");
        assertThat(world.verify("13900000002", tail(CAROL_ID), "654321")).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    @Test
    void theSameCodeForDifferentPhonesIsAllowedAndPointsAtEachOwnTarget() {
        CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);
        world.codes.then("123456", "123456");
        world.submitNewWebsite("r1", "a.cn", person("李四", "13900000002", BOB_ID));
        world.submitNewWebsite("r2", "b.cn", person("王五", "13700000003", CAROL_ID));

        assertThat(world.verify("13700000003", tail(CAROL_ID), "123456")).isInstanceOf(VerifyCodeResult.Verified.class);
        assertThat(world.verify("13900000002", tail(BOB_ID), "123456")).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    @Test
    void aCodeNeverShowsInItsTextForm() {
        assertThat(new VerificationCode("123456").toString()).doesNotContain("123456");
    }

    @Test
    void queuedSmsTextIsKeptOnlyUntilTheCarrierTakesIt() {
        CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);
        world.submitNewWebsite("r1", "a.cn", person("李四", "13900000002", BOB_ID));

        assertThat(world.outbox.all()).allSatisfy(sms -> assertThat(sms.code()).isNull());
        assertThat(world.outbox.all().get(0).toString()).doesNotContain(world.carrier.lastCodeTo("13900000002"));
    }
}
