package beian.verify.core.rules;

import static beian.verify.core.testing.People.person;
import static beian.verify.core.testing.People.residentId;
import static beian.verify.core.testing.People.tail;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.AuditEntry;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.Caller;
import beian.verify.core.port.in.IssueCaptchaUseCase.IssuedCaptcha;
import beian.verify.core.port.in.ListAuditRecordsUseCase.AuditPage;
import beian.verify.core.port.in.ListAuditRecordsUseCase.ListAuditRecordsQuery;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.SubmitApplicationUseCase.PersonInput;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeCommand;
import beian.verify.core.testing.CoreFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * API.md ListAuditRecords and DOMAIN.md "Privacy": a reviewer reads the audit of its provinces only,
 * which holds every attempt on a phone with an application of theirs open at the time, whichever
 * platform host it came in on; by phone (matched, shown masked), by application, by time, a page at a time.
 */
class AuditRulesTest {
    static final Caller.Reviewer TJ_REVIEWER = new Caller.Reviewer(Set.of(new ProvinceCode("TJ")));
    static final Caller.Reviewer GS_REVIEWER = new Caller.Reviewer(Set.of(new ProvinceCode("GS")));
    static final String ALICE_ID = residentId("11010519491231002");
    static final PersonInput ALICE = person("张三", "13800000001", ALICE_ID);
    static final PersonInput CAROL = person("王五", "13700000003", residentId(3));

    final CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);
    ApplicationView tianjin;
    ApplicationView gansu;

    @BeforeEach
    void attemptsInTwoProvinces() {
        tianjin = world.submitNewWebsite("tj", "tj.cn", ALICE);
        gansu = world.submitOk(world.command("gs", beian.verify.core.domain.FilingType.NEW_WEBSITE, "GS", null,
                List.of(new beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput("gs.cn", CAROL))));
        world.verify("13800000001", tail(ALICE_ID), world.carrier.lastCodeTo("13800000001"));
        world.clock.advance(Duration.ofMinutes(1));
        world.verify("13700000003", tail(residentId(3)), world.carrier.lastCodeTo("13700000003"));
        world.clock.advance(Duration.ofMinutes(1));
        IssuedCaptcha c = world.captcha(); // a miss on Gansu's platform host: filed under GS
        world.verification.verify(new VerifyCodeCommand("13900000009", "000000", "123456", c.captchaId(), c.answer(),
                "203.0.113.9", "GS"));
        world.verify("13900000008", "000000", "123456"); // a miss on a national host: no province
    }

    private AuditPage list(Caller.Reviewer reviewer, String province, String phone, String applicationId,
                           Instant from, Instant to, int size, String token) {
        Outcome<AuditPage> outcome = world.auditList.list(new ListAuditRecordsQuery(reviewer, province, phone,
                applicationId, from, to, size, token));
        return ((Outcome.Ok<AuditPage>) outcome).value();
    }

    @Test
    void aReviewerReadsOnlyItsProvincesAttempts() {
        assertThat(list(TJ_REVIEWER, null, null, null, null, null, 0, null).records())
                .extracting(AuditEntry::maskedPhone).containsExactly("138****0001");
        assertThat(list(GS_REVIEWER, null, null, null, null, null, 0, null).records())
                .extracting(AuditEntry::maskedPhone).containsExactly("137****0003", "139****0009");
        assertThat(list(TJ_REVIEWER, "GS", null, null, null, null, 0, null).records()).isEmpty();
    }

    @Test
    void byPhoneMatchedAndShownMaskedOnly() {
        List<AuditEntry> records = list(GS_REVIEWER, null, "13700000003", null, null, null, 0, null).records();

        assertThat(records).hasSize(1);
        assertThat(records.get(0).maskedPhone()).isEqualTo("137****0003");
        assertThat(records.get(0).phone()).isNull();
        assertThat(records.get(0).applicationId().value()).isEqualTo(gansu.applicationId());
        assertThat(records.get(0).outcome()).isEqualTo("VERIFIED");
    }

    @Test
    void byApplicationAndTimeRange() {
        Instant start = world.clock.now().minus(Duration.ofMinutes(2));
        assertThat(list(TJ_REVIEWER, null, null, tianjin.applicationId(), null, null, 0, null).records()).hasSize(1);
        assertThat(list(TJ_REVIEWER, null, null, gansu.applicationId(), null, null, 0, null).records()).isEmpty();
        assertThat(list(GS_REVIEWER, null, null, null, start.plus(Duration.ofMinutes(1)), null, 0, null).records())
                .extracting(AuditEntry::maskedPhone).containsExactly("137****0003", "139****0009");
        assertThat(list(GS_REVIEWER, null, null, null, null, start.plus(Duration.ofMinutes(2)), 0, null).records())
                .extracting(AuditEntry::maskedPhone).containsExactly("137****0003");
    }

    // DOMAIN.md "Privacy" (2026-12-07): an attempt is visible to the platform host's province and to
    // every province with an application open on that phone at the time, whichever host it used.

    private void verifyOn(String hostProvince, String phone, String idTail, String code) {
        IssuedCaptcha c = world.captcha();
        world.verification.verify(new VerifyCodeCommand(phone, idTail, code, c.captchaId(), c.answer(), "203.0.113.7",
                hostProvince));
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "000001" : "000000";
    }

    private List<String> outcomesOn(Caller.Reviewer reviewer, String phone) {
        return list(reviewer, null, phone, null, null, null, 0, null).records().stream()
                .map(e -> e.action() + " " + e.outcome() + " " + e.province()).toList();
    }

    @Test
    void aMissFromAHostNamingNoProvinceIsVisibleToTheProvinceOfTheApplicationOpenOnThePhone() {
        ApplicationView dave = world.submitNewWebsite("tj-dave", "dave.cn", person("赵六", "13600000004", residentId(4)));
        String code = world.carrier.lastCodeTo("13600000004");

        verifyOn(null, "13600000004", tail(residentId(4)), wrong(code));
        verifyOn(null, "13600000004", tail(residentId(4)), code);

        assertThat(outcomesOn(TJ_REVIEWER, "13600000004"))
                .containsExactly("VERIFY RECORD_NOT_FOUND null", "VERIFY VERIFIED TJ");
        assertThat(list(TJ_REVIEWER, null, null, dave.applicationId(), null, null, 0, null).records())
                .as("by application: the attempt that matched it").extracting(AuditEntry::outcome).containsExactly("VERIFIED");
        assertThat(outcomesOn(GS_REVIEWER, "13600000004")).isEmpty();
    }

    @Test
    void aMissFromAnotherProvincesHostIsVisibleToThatProvinceAndToTheApplicantsProvince() {
        world.submitNewWebsite("tj-dave", "dave.cn", person("赵六", "13600000004", residentId(4)));
        String code = world.carrier.lastCodeTo("13600000004");

        verifyOn("GS", "13600000004", tail(residentId(4)), code); // a saboteur on Gansu's host: Tianjin's is not served there
        verifyOn("TJ", "13600000004", tail(residentId(4)), code);

        assertThat(outcomesOn(TJ_REVIEWER, "13600000004")).containsExactly("VERIFY RECORD_NOT_FOUND GS", "VERIFY VERIFIED TJ");
        assertThat(outcomesOn(GS_REVIEWER, "13600000004")).containsExactly("VERIFY RECORD_NOT_FOUND GS");
    }

    @Test
    void aResendFromAnotherProvincesHostIsVisibleToTheApplicantsProvince() {
        world.submitNewWebsite("tj-dave", "dave.cn", person("赵六", "13600000004", residentId(4)));
        IssuedCaptcha c = world.captcha();

        world.resends.resend(new beian.verify.core.port.in.ResendSmsUseCase.ResendSmsCommand("13600000004",
                tail(residentId(4)), c.captchaId(), c.answer(), "203.0.113.7", "GS"));

        assertThat(outcomesOn(TJ_REVIEWER, "13600000004")).containsExactly("RESEND RECORD_NOT_FOUND GS");
    }

    @Test
    void anAttemptOnAPhoneWithApplicationsInTwoProvincesIsVisibleToBothAndListedOnceForAReviewerOfBoth() {
        PersonInput dave = person("赵六", "13600000004", residentId(4));
        world.submitNewWebsite("tj-dave", "dave.cn", dave);
        world.submitOk(world.command("gs-dave", beian.verify.core.domain.FilingType.NEW_WEBSITE, "GS", null,
                List.of(new beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput("dave-gs.cn", dave))));

        verifyOn(null, "13600000004", tail(residentId(4)), "999999");

        Caller.Reviewer both = new Caller.Reviewer(Set.of(new ProvinceCode("TJ"), new ProvinceCode("GS")));
        assertThat(outcomesOn(TJ_REVIEWER, "13600000004")).containsExactly("VERIFY RECORD_NOT_FOUND null");
        assertThat(outcomesOn(GS_REVIEWER, "13600000004")).containsExactly("VERIFY RECORD_NOT_FOUND null");
        List<AuditEntry> once = list(both, null, "13600000004", null, null, null, 0, null).records();
        assertThat(once).hasSize(1);
        assertThat(once.get(0).visibleTo()).containsExactlyInAnyOrder(new ProvinceCode("TJ"), new ProvinceCode("GS"));
        assertThat(list(TJ_REVIEWER, null, "13600000004", null, null, null, 0, null).records().get(0).visibleTo())
                .as("a reviewer is not told which other provinces have an application on the phone")
                .containsExactly(new ProvinceCode("TJ"));
    }

    @Test
    void anAttemptStoppedByTheCaptchaOrByALockedOutNetworkIsVisibleToTheApplicantsProvinceToo() {
        world.submitNewWebsite("tj-dave", "dave.cn", person("赵六", "13600000004", residentId(4)));
        IssuedCaptcha c = world.captcha();
        world.verification.verify(new VerifyCodeCommand("13600000004", tail(residentId(4)), "999999", c.captchaId(),
                "wrong", "203.0.113.7"));
        for (int i = 0; i < world.settings.codeMissLimit(); i++) {
            verifyOn(null, "13600000004", tail(residentId(4)), "99999" + (i % 10));
        }
        verifyOn(null, "13600000004", tail(residentId(4)), "999999"); // the network is locked out of the phone

        List<String> seen = outcomesOn(TJ_REVIEWER, "13600000004");
        assertThat(seen).first().isEqualTo("VERIFY CAPTCHA_INVALID null");
        assertThat(seen).last().isEqualTo("VERIFY TOO_MANY_ATTEMPTS null");
        assertThat(seen).hasSize(world.settings.codeMissLimit() + 2);
    }

    @Test
    void onlyApplicationsOpenAtTheTimeOfTheAttemptSeeIt() {
        ApplicationView dave = world.submitNewWebsite("tj-dave", "dave.cn", person("赵六", "13600000004", residentId(4)));
        verifyOn(null, "13600000004", tail(residentId(4)), "999999"); // while it is open
        world.withdraw(beian.verify.core.testing.CoreFixture.PROVIDER, dave.applicationId());
        verifyOn(null, "13600000004", tail(residentId(4)), "999998"); // once it is closed

        assertThat(list(TJ_REVIEWER, null, "13600000004", null, null, null, 0, null).records())
                .as("the first stays visible after the application closed; the second was never Tianjin's")
                .hasSize(1);
    }

    @Test
    void anAttemptVisibleToNoProvinceIsReadByAKeyOfEveryProvinceOnly() {
        Caller.Reviewer national = new Caller.Reviewer(ProvinceCode.ALL.stream().map(ProvinceCode::new)
                .collect(java.util.stream.Collectors.toSet()));

        assertThat(list(national, null, "13900000008", null, null, null, 0, null).records())
                .as("the miss on a national host for a phone with no application").hasSize(1);
        assertThat(list(national, null, null, null, null, null, 0, null).records()).hasSize(4);
        assertThat(list(national, "GS", null, null, null, null, 0, null).records())
                .as("asking for one province reads that province's").hasSize(2);
        assertThat(list(GS_REVIEWER, null, "13900000008", null, null, null, 0, null).records()).isEmpty();
    }

    @Test
    void pagesWithOpaqueTokens() {
        AuditPage first = list(GS_REVIEWER, null, null, null, null, null, 1, null);
        AuditPage second = list(GS_REVIEWER, null, null, null, null, null, 1, first.nextPageToken());

        assertThat(first.records()).extracting(AuditEntry::maskedPhone).containsExactly("137****0003");
        assertThat(second.records()).extracting(AuditEntry::maskedPhone).containsExactly("139****0009");
        assertThat(second.nextPageToken()).isNull();
    }
}
