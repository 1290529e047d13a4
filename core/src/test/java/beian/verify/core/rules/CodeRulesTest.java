package beian.verify.core.rules;

import static beian.verify.core.testing.People.person;
import static beian.verify.core.testing.People.residentId;
import static beian.verify.core.testing.People.tail;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.ApplicationState;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.VerificationCode;
import beian.verify.core.domain.VerificationTarget;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.ResendSmsUseCase.ResendSmsResult;
import beian.verify.core.port.in.SubmitApplicationUseCase.PersonInput;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeResult;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.MutableClock;
import beian.verify.core.testing.RecordingSmsSender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DOMAIN.md "Codes" (revised 2026-12-07: one code per target for its whole life). That codes are six
 * digits over the whole range and derived from the server key is the real generator's test
 * ({@code HmacCodeGeneratorTest} in app); here the scripted generator stands in for it.
 */
class CodeRulesTest {
    static final String BOB_ID = residentId(2);
    static final String CAROL_ID = residentId(3);
    static final String BOBS_PHONE = "13900000002";
    static final PersonInput BOB = person("李四", BOBS_PHONE, BOB_ID);

    final CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);

    private List<String> codesSentTo(String phone) {
        return world.carrier.callsTo(phone).stream().map(RecordingSmsSender.Sent::code).toList();
    }

    private VerificationTarget stored(ApplicationView application, int target) {
        ApplicationState state = world.applications.all().stream()
                .filter(a -> a.id().value().equals(application.applicationId())).findFirst().orElseThrow();
        return state.targets().get(target - 1);
    }

    private void noonResend() {
        world.clock.set(MutableClock.shanghai(2026, 11, 29, 12, 0));
        assertThat(world.autoResends.sendAutoResends(100).done()).isPositive();
        world.dispatch();
    }

    private void bothManualResends(String phone, String idTail) {
        assertThat(world.resend(phone, idTail)).isInstanceOf(ResendSmsResult.Sent.class);
        world.clock.advance(Duration.ofMinutes(2));
        assertThat(world.resend(phone, idTail)).isInstanceOf(ResendSmsResult.Sent.class);
    }

    @Test
    void theNoonResendRepeatsTheTargetsCode() {
        world.codes.then("042917", "555555");
        world.submitNewWebsite("r1", "a.cn", BOB);

        noonResend();

        assertThat(codesSentTo(BOBS_PHONE)).containsExactly("042917", "042917");
        assertThat(world.verify(BOBS_PHONE, tail(BOB_ID), "042917")).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    @Test
    void aTargetHoldsOneValidCodeHoweverOftenItIsResent() {
        world.codes.then("042917", "555555", "666666", "777777");
        ApplicationView application = world.submitNewWebsite("r1", "a.cn", BOB);

        bothManualResends(BOBS_PHONE, tail(BOB_ID));
        noonResend();

        assertThat(codesSentTo(BOBS_PHONE)).hasSize(4).containsOnly("042917");
        assertThat(stored(application, 1).codeHashes()).as("one valid code").hasSize(1);
        assertThat(stored(application, 1).codeDraw()).isNotNull();
        for (String never : List.of("555555", "666666", "777777")) {
            assertThat(world.verify(BOBS_PHONE, tail(BOB_ID), never)).isNotInstanceOf(VerifyCodeResult.Verified.class);
        }
        assertThat(world.verify(BOBS_PHONE, tail(BOB_ID), "042917")).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    @Test
    void aNewCodeNeverEqualsACodeStillValidForAnotherTargetWithTheSamePhone() {
        PersonInput carolOnBobsPhone = person("王五", BOBS_PHONE, CAROL_ID);
        world.codes.then("123456", "123456", "654321");

        world.submitNewWebsite("r1", "a.cn", BOB);
        world.submitNewWebsite("r2", "b.cn", carolOnBobsPhone);

        assertThat(world.carrier.calls()).extracting(s -> s.code()).containsExactly("123456", "654321");
        assertThat(world.verify(BOBS_PHONE, tail(CAROL_ID), "654321")).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    /** The scripted generator gives the second target the first one's code at draw 0: it takes draw 1 for good. */
    @Test
    void twoTargetsWithTheSamePhoneNeverShareACodeHoweverOftenTheyAreResent() {
        PersonInput carolOnBobsPhone = person("王五", BOBS_PHONE, CAROL_ID);
        world.codes.then("123456", "123456", "654321", "999999");
        ApplicationView bobs = world.submitNewWebsite("r1", "a.cn", BOB);
        ApplicationView carols = world.submitNewWebsite("r2", "b.cn", carolOnBobsPhone);

        bothManualResends(BOBS_PHONE, tail(BOB_ID));
        world.clock.advance(Duration.ofMinutes(2));
        bothManualResends(BOBS_PHONE, tail(CAROL_ID));
        noonResend();

        assertThat(codesSentTo(BOBS_PHONE)).hasSize(8).containsOnly("123456", "654321");
        assertThat(stored(bobs, 1).codeDraw()).isNotNull();
        assertThat(stored(carols, 1).codeDraw()).isNotNull();
        assertThat(world.codes.triplesAsked()).as("Carol drew again once, at her first SMS; nobody after").isEqualTo(3);
        assertThat(world.verify(BOBS_PHONE, tail(CAROL_ID), "123456")).as("Bob's code is not Carol's")
                .isNotInstanceOf(VerifyCodeResult.Verified.class);
        assertThat(world.verify(BOBS_PHONE, tail(CAROL_ID), "654321")).isInstanceOf(VerifyCodeResult.Verified.class);
        assertThat(world.verify(BOBS_PHONE, tail(BOB_ID), "123456")).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    /** Why the draw is stored: re-deriving from draw 0 would hand Carol a second code once Bob's is gone. */
    @Test
    void aTargetKeepsItsCodeWhenTheCodeItWasDrawnAgainstIsNoLongerValid() {
        PersonInput carolOnBobsPhone = person("王五", BOBS_PHONE, CAROL_ID);
        world.codes.then("123456", "123456", "654321");
        ApplicationView bobs = world.submitNewWebsite("r1", "a.cn", BOB);
        world.submitNewWebsite("r2", "b.cn", carolOnBobsPhone);
        assertThat(world.withdraw(CoreFixture.PROVIDER, bobs.applicationId())).isInstanceOf(
                Outcome.Ok.class);

        bothManualResends(BOBS_PHONE, tail(CAROL_ID));

        assertThat(codesSentTo(BOBS_PHONE)).containsExactly("123456", "654321", "654321", "654321");
        assertThat(world.verify(BOBS_PHONE, tail(CAROL_ID), "123456")).isNotInstanceOf(VerifyCodeResult.Verified.class);
        assertThat(world.verify(BOBS_PHONE, tail(CAROL_ID), "654321")).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    /**
     * The code is derived from the key, the application, the target and the draw: with a draw every target
     * had alike (0), the key and an application's id (which its provider holds) would give every code
     * without the database. A random draw puts a secret of the database into every code.
     */
    @Test
    void eachTargetDrawsItsCodeAtRandomSoTheKeyAndTheApplicationAloneDoNotGiveIt() {
        java.util.Set<Integer> draws = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            ApplicationView application = world.submitNewWebsite("r" + i, "a" + i + ".cn",
                    person("李四", String.format("139%08d", i), BOB_ID));
            draws.add(stored(application, 1).codeDraw());
        }

        assertThat(draws).as("20 targets, 20 draws of 2^31").hasSize(20);
    }

    @Test
    void twoTargetsOfOneApplicationWithTheSamePhoneNeverShareACode() {
        world.codes.then("123456", "123456", "654321");
        PersonInput carolOnBobsPhone = person("王五", BOBS_PHONE, CAROL_ID);

        world.submitOk(world.command("r1", FilingType.NEW_FILING, "TJ", BOB,
                List.of(new WebsiteInput("a.cn", carolOnBobsPhone))));

        assertThat(codesSentTo(BOBS_PHONE)).containsExactlyInAnyOrder("123456", "654321");
        assertThat(world.verify(BOBS_PHONE, tail(BOB_ID), "123456")).isInstanceOf(VerifyCodeResult.Verified.class);
        assertThat(world.verify(BOBS_PHONE, tail(CAROL_ID), "654321")).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    @Test
    void theSameCodeForDifferentPhonesIsAllowedAndPointsAtEachOwnTarget() {
        world.codes.then("123456", "123456");
        world.submitNewWebsite("r1", "a.cn", BOB);
        world.submitNewWebsite("r2", "b.cn", person("王五", "13700000003", CAROL_ID));

        assertThat(world.verify("13700000003", tail(CAROL_ID), "123456")).isInstanceOf(VerifyCodeResult.Verified.class);
        assertThat(world.verify(BOBS_PHONE, tail(BOB_ID), "123456")).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    /**
     * A target stored before one code per target holds the random codes it was sent and no draw. They stay
     * valid until the deadline; its next SMS carries its one code, checked against the phone's other codes like
     * any new one, and every later SMS repeats it.
     */
    @Test
    void aTargetStoredBeforeOneCodePerTargetKeepsItsCodesAndItsNextSmsGivesItTheOneCodeLaterOnesRepeat() {
        world.codes.then("111111", "111111", "111111", "333333");
        ApplicationView bobs = world.submitNewWebsite("r1", "a.cn", BOB);
        world.storeAsBeforeOneCodePerTarget(bobs.applicationId(), 1, "271828", "314159");
        // 111111 is held by nobody now, so Carol, on Bob's phone, takes it
        world.submitNewWebsite("r2", "b.cn", person("王五", BOBS_PHONE, CAROL_ID));
        int before = world.carrier.calls().size();

        bothManualResends(BOBS_PHONE, tail(BOB_ID));
        noonResend();

        List<String> sent = codesSentTo(BOBS_PHONE);
        assertThat(sent.subList(before, sent.size())).as("Bob's first draw gives Carol's code: he draws again, once")
                .containsExactlyInAnyOrder("333333", "333333", "333333", "111111");
        assertThat(world.codes.triplesAsked()).isEqualTo(4);
        assertThat(stored(bobs, 1).codeDraw()).isNotNull();
        assertThat(stored(bobs, 1).codeHashes()).as("the two old codes and the one code").hasSize(3);
        assertThat(world.verify(BOBS_PHONE, tail(BOB_ID), "271828")).isInstanceOf(VerifyCodeResult.Verified.class);
        assertThat(world.verify(BOBS_PHONE, tail(BOB_ID), "314159")).isInstanceOf(VerifyCodeResult.Verified.class);
        assertThat(world.verify(BOBS_PHONE, tail(BOB_ID), "333333")).isInstanceOf(VerifyCodeResult.Verified.class);
        assertThat(world.verify(BOBS_PHONE, tail(CAROL_ID), "111111")).isInstanceOf(VerifyCodeResult.Verified.class);
    }

    @Test
    void aCodeNeverShowsInItsTextForm() {
        assertThat(new VerificationCode("123456").toString()).doesNotContain("123456");
    }

    @Test
    void queuedSmsTextIsKeptOnlyUntilTheCarrierTakesIt() {
        world.submitNewWebsite("r1", "a.cn", BOB);

        assertThat(world.outbox.all()).allSatisfy(sms -> assertThat(sms.code()).isNull());
        assertThat(world.outbox.all().get(0).toString()).doesNotContain(world.carrier.lastCodeTo(BOBS_PHONE));
    }
}
