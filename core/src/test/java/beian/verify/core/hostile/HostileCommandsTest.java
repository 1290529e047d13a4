package beian.verify.core.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.IdType;
import beian.verify.core.port.in.IssueCaptchaUseCase.IssuedCaptcha;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.ResendSmsUseCase.ResendSmsCommand;
import beian.verify.core.port.in.ResendSmsUseCase.ResendSmsResult;
import beian.verify.core.port.in.SubmitApplicationUseCase.PersonInput;
import beian.verify.core.port.in.SubmitApplicationUseCase.SubmitApplicationCommand;
import beian.verify.core.port.in.SubmitApplicationUseCase.Submission;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeCommand;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeResult;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.HostileValues;
import beian.verify.core.testing.People;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The use cases that take a person's or a provider's input, fed hostile values in every field:
 * each answers (never throws), a refusal of bad input names the field, and a refusal changes
 * nothing stored. Mixed with valid values, so the checks past the first field are reached too.
 */
class HostileCommandsTest {
    private static final int COMMANDS = 400;
    private final Random random = new Random(20261130L);
    private final CoreFixture world = new CoreFixture(Instant.parse("2026-11-30T02:00:00Z"));

    @Test
    void aSubmissionOfHostileValuesIsAcceptedOrRefusedNamingAFieldAndARefusalStoresNothing() {
        for (int i = 0; i < COMMANDS; i++) {
            SubmitApplicationCommand command = hostileSubmission(i);
            Stored before = stored();
            Outcome<Submission> outcome;
            try {
                outcome = world.submission.submit(command);
            } catch (RuntimeException e) {
                throw new AssertionError("submission " + i + " threw instead of answering", e);
            }
            if (outcome instanceof Outcome.Failed<Submission> failed) {
                if (failed.failure().code() == ErrorCode.INVALID_ARGUMENT) {
                    assertThat(failed.failure().field()).as("the field of refusal %d", i).isNotNull();
                }
                assertThat(stored()).as("what refusal %d left stored", i).isEqualTo(before);
            }
        }
    }

    @Test
    void aVerifyOrResendOfHostileValuesAnswersAndARefusalOfInputNamesTheField() {
        world.submitNewWebsite("r1", "a.cn", People.person("李四", "13900000002", People.residentId(2)));
        for (int i = 0; i < COMMANDS; i++) {
            IssuedCaptcha captcha = world.captcha();
            String captchaId = random.nextInt(4) == 0 ? HostileValues.one(random) : captcha.captchaId();
            String answer = random.nextInt(4) == 0 ? HostileValues.one(random) : captcha.answer();
            VerifyCodeResult verified = world.verification.verify(new VerifyCodeCommand(maybe("13900000002"),
                    maybe(People.tail(People.residentId(2))), maybe("123456"), captchaId, answer, maybe("203.0.113.9")));
            if (verified instanceof VerifyCodeResult.Refused r && r.code() == ErrorCode.INVALID_ARGUMENT) {
                assertThat(r.field()).as("the field of verify refusal %d", i).isNotNull();
            }
            IssuedCaptcha again = world.captcha();
            ResendSmsResult resent = world.resends.resend(new ResendSmsCommand(maybe("13900000002"),
                    maybe(People.tail(People.residentId(2))), again.captchaId(), again.answer(), maybe("203.0.113.9")));
            if (resent instanceof ResendSmsResult.Refused r && r.code() == ErrorCode.INVALID_ARGUMENT) {
                assertThat(r.field()).as("the field of resend refusal %d", i).isNotNull();
            }
        }
        assertThat(world.audit.entries()).as("every attempt audited").hasSize(2 * COMMANDS);
    }

    /** A valid value most of the time, a hostile one otherwise. */
    private String maybe(String valid) {
        return random.nextInt(3) == 0 ? HostileValues.one(random) : valid;
    }

    private SubmitApplicationCommand hostileSubmission(int i) {
        FilingType type = random.nextInt(8) == 0 ? null : FilingType.values()[random.nextInt(FilingType.values().length)];
        List<WebsiteInput> websites = new ArrayList<>();
        int count = random.nextInt(4);
        for (int w = 0; w < count; w++) {
            websites.add(random.nextInt(10) == 0 ? null
                    : new WebsiteInput(maybe("site" + i + "-" + w + ".cn"), random.nextInt(10) == 0 ? null : person(w)));
        }
        return new SubmitApplicationCommand(CoreFixture.PROVIDER, maybe("hostile-" + i), type, maybe("TJ"),
                maybe("天津示例科技有限公司"), random.nextInt(5) == 0 ? null : person(9), websites, random.nextInt(6) == 0);
    }

    private PersonInput person(int n) {
        IdType type = random.nextInt(6) == 0 ? null : IdType.values()[random.nextInt(IdType.values().length)];
        return new PersonInput(maybe("张三"), maybe("1380000000" + n), type, maybe(People.residentId(n + 1)));
    }

    private record Stored(int applications, int messages, int events) {
    }

    private Stored stored() {
        return new Stored(world.applications.all().size(), world.outbox.all().size(),
                world.eventsOf(CoreFixture.PROVIDER).size());
    }
}
