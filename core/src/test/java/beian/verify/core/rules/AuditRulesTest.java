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
 * API.md ListAuditRecords and DOMAIN.md "Privacy": a reviewer reads the audit of its provinces only;
 * by phone (matched, shown masked), by application, by time, a page at a time.
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

    @Test
    void pagesWithOpaqueTokens() {
        AuditPage first = list(GS_REVIEWER, null, null, null, null, null, 1, null);
        AuditPage second = list(GS_REVIEWER, null, null, null, null, null, 1, first.nextPageToken());

        assertThat(first.records()).extracting(AuditEntry::maskedPhone).containsExactly("137****0003");
        assertThat(second.records()).extracting(AuditEntry::maskedPhone).containsExactly("139****0009");
        assertThat(second.nextPageToken()).isNull();
    }
}
