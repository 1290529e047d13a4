package beian.verify.core.rules;

import static beian.verify.core.testing.People.person;
import static beian.verify.core.testing.People.residentId;
import static beian.verify.core.testing.People.tail;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.DomainName;
import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.FiledRecord;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.ReturnReason;
import beian.verify.core.port.in.ApplicationPage;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.Caller;
import beian.verify.core.port.in.ImportFiledRecordsUseCase.FiledRecordInput;
import beian.verify.core.port.in.ImportFiledRecordsUseCase.ImportReport;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.SubmitApplicationUseCase.PersonInput;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import beian.verify.core.testing.CoreFixture;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** DOMAIN.md "The application's life": review, withdrawal, final states, filed records, who sees what. */
class LifecycleRulesTest {
    static final String BOB_ID = residentId(2);
    static final PersonInput BOB = person("李四", "13900000002", BOB_ID);
    static final Caller.Reviewer TJ_REVIEWER = new Caller.Reviewer(Set.of(new ProvinceCode("TJ")));
    static final Caller.Reviewer GS_REVIEWER = new Caller.Reviewer(Set.of(new ProvinceCode("GS")));

    final CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);

    private ApplicationView verifiedNewWebsite(String domain) {
        ApplicationView a = world.submitNewWebsite("r-" + domain, domain, BOB);
        world.verify("13900000002", tail(BOB_ID), world.carrier.lastCodeTo("13900000002"));
        return world.view(a.applicationId());
    }

    @Test
    void approvalGivesTheFilingNumberAndWritesTheFiledRecord() {
        ApplicationView a = verifiedNewWebsite("a.cn");

        ApplicationView approved = ok(world.approve(TJ_REVIEWER, a.applicationId(), "津ICP备12345678号-1"));

        assertThat(approved.status()).isEqualTo(ApplicationStatus.APPROVED);
        assertThat(approved.filingNumber()).isEqualTo("津ICP备12345678号-1");
        assertThat(record("a.cn")).hasValueSatisfying(r -> {
            assertThat(r.provider()).isEqualTo(CoreFixture.PROVIDER);
            assertThat(r.websitePrincipalPhone().value()).isEqualTo("13900000002");
        });
    }

    @Test
    void approveThenRejectIsWrongStatus() {
        ApplicationView a = verifiedNewWebsite("a.cn");
        ok(world.approve(TJ_REVIEWER, a.applicationId(), "津ICP备12345678号-1"));

        assertThat(code(world.reject(TJ_REVIEWER, a.applicationId(), "材料不全"))).isEqualTo(ErrorCode.WRONG_STATUS);
    }

    @Test
    void onlyReadyApplicationsCanBeReviewed() {
        ApplicationView pending = world.submitNewWebsite("r1", "a.cn", BOB);

        assertThat(code(world.approve(TJ_REVIEWER, pending.applicationId(), "津ICP备1号"))).isEqualTo(ErrorCode.WRONG_STATUS);
    }

    @Test
    void rejectionKeepsTheReason() {
        ApplicationView a = verifiedNewWebsite("a.cn");

        ApplicationView rejected = ok(world.reject(TJ_REVIEWER, a.applicationId(), "网站名称不符合要求"));

        assertThat(rejected.status()).isEqualTo(ApplicationStatus.REJECTED);
        assertThat(rejected.rejectReason()).isEqualTo("网站名称不符合要求");
    }

    @Test
    void aReviewerOfAnotherProvinceCannotSeeOrApprove() {
        ApplicationView a = verifiedNewWebsite("a.cn");

        assertThat(code(world.approve(GS_REVIEWER, a.applicationId(), "甘ICP备1号"))).isEqualTo(ErrorCode.APPLICATION_NOT_FOUND);
        assertThat(code(world.get(GS_REVIEWER, a.applicationId()))).isEqualTo(ErrorCode.APPLICATION_NOT_FOUND);
        assertThat(ok(world.listReadyForReview(GS_REVIEWER, "TJ", 10, null)).applications()).isEmpty();
        assertThat(ok(world.listReadyForReview(TJ_REVIEWER, "TJ", 10, null)).applications()).hasSize(1);
    }

    @Test
    void aProviderSeesAndWithdrawsOnlyItsOwnApplications() {
        ApplicationView a = world.submitNewWebsite("r1", "a.cn", BOB);
        Caller.Provider other = new Caller.Provider(CoreFixture.OTHER_PROVIDER);

        assertThat(code(world.get(other, a.applicationId()))).isEqualTo(ErrorCode.APPLICATION_NOT_FOUND);
        assertThat(code(world.withdraw(CoreFixture.OTHER_PROVIDER, a.applicationId())))
                .isEqualTo(ErrorCode.APPLICATION_NOT_FOUND);
        assertThat(ok(world.list(CoreFixture.OTHER_PROVIDER, null, 10, null)).applications()).isEmpty();
    }

    @Test
    void withdrawalReturnsTheApplicationAndReturnedIsFinal() {
        ApplicationView a = world.submitNewWebsite("r1", "a.cn", BOB);

        ApplicationView withdrawn = ok(world.withdraw(CoreFixture.PROVIDER, a.applicationId()));

        assertThat(withdrawn.status()).isEqualTo(ApplicationStatus.RETURNED);
        assertThat(withdrawn.returnReason()).isEqualTo(ReturnReason.WITHDRAWN);
        assertThat(code(world.withdraw(CoreFixture.PROVIDER, a.applicationId()))).isEqualTo(ErrorCode.WRONG_STATUS);
    }

    @Test
    void afterAReturnTheProviderSubmitsAgainAsANewApplicationWithANewSmsRound() {
        ApplicationView a = world.submitNewWebsite("r1", "a.cn", BOB);
        world.withdraw(CoreFixture.PROVIDER, a.applicationId());

        ApplicationView again = world.submitNewWebsite("r2", "a.cn", BOB);

        assertThat(again.applicationId()).isNotEqualTo(a.applicationId());
        assertThat(again.status()).isEqualTo(ApplicationStatus.PENDING_VERIFICATION);
        assertThat(world.carrier.callsTo("13900000002")).hasSize(2);
    }

    @Test
    void anApprovedTransferInMovesTheRecordToTheNewProvider() {
        world.importRecords(TJ_REVIEWER, List.of(new FiledRecordInput("moved.cn", "津ICP备7号-1", "TJ",
                "other-provider", null, "13900000002")));
        ApplicationView t = world.submitOk(world.command("t1", FilingType.TRANSFER_IN, "TJ", null,
                List.of(new WebsiteInput("moved.cn", BOB))));
        world.verify("13900000002", tail(BOB_ID), world.carrier.lastCodeTo("13900000002"));

        ApplicationView approved = ok(world.approve(TJ_REVIEWER, t.applicationId(), null));

        assertThat(approved.filingNumber()).isEqualTo("津ICP备7号-1");
        assertThat(record("moved.cn").orElseThrow().provider()).isEqualTo(CoreFixture.PROVIDER);
    }

    @Test
    void anApprovedWebsiteCancellationRemovesTheRecord() {
        world.importRecords(TJ_REVIEWER, List.of(new FiledRecordInput("gone.cn", "津ICP备7号-1", "TJ",
                "demo-provider", null, "13900000002")));
        ApplicationView c = world.submitOk(world.command("c1", FilingType.CANCEL_WEBSITE, "TJ", null,
                List.of(new WebsiteInput("gone.cn", BOB))));

        ok(world.approve(TJ_REVIEWER, c.applicationId(), null));

        assertThat(record("gone.cn")).isEmpty();
    }

    @Test
    void importUpsertsByDomainAndReportsEachBadRecordWithoutStoppingTheRest() {
        ImportReport report = ((Outcome.Ok<ImportReport>) world.importRecords(TJ_REVIEWER, List.of(
                new FiledRecordInput("a.cn", "津ICP备1号-1", "TJ", "p1", "13800000001", "13900000002"),
                new FiledRecordInput("b.cn", "津ICP备2号-1", "TJ", "p1", null, "123"),
                new FiledRecordInput("c.cn", "甘ICP备3号-1", "GS", "p1", null, "13900000002"),
                new FiledRecordInput("a.cn", "津ICP备1号-2", "TJ", "p2", null, "13700000003")))).value();

        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.failures()).extracting(f -> f.index() + ":" + f.failure().field())
                .containsExactly("1:RECORDS[1] > WEBSITE_PRINCIPAL_PHONE", "2:RECORDS[2] > PROVINCE");
        assertThat(record("a.cn").orElseThrow().filingNumber().value()).isEqualTo("津ICP备1号-2");
    }

    @Test
    void listsPageWithOpaqueTokensAndABoundedSize() {
        for (int i = 0; i < 5; i++) {
            world.submitNewWebsite("r" + i, "site" + i + ".cn", BOB);
        }
        ApplicationPage first = ok(world.list(CoreFixture.PROVIDER, null, 2, null));
        ApplicationPage second = ok(world.list(CoreFixture.PROVIDER, null, 2, first.nextPageToken()));
        ApplicationPage third = ok(world.list(CoreFixture.PROVIDER, null, 2, second.nextPageToken()));

        assertThat(first.applications()).hasSize(2);
        assertThat(third.applications()).hasSize(1);
        assertThat(third.nextPageToken()).isNull();
        assertThat(code(world.list(CoreFixture.PROVIDER, null, 2, "garbage"))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(ok(world.list(CoreFixture.PROVIDER, ApplicationStatus.APPROVED, 2, null)).applications()).isEmpty();
    }

    private Optional<FiledRecord> record(String domain) {
        return world.tx.inTransaction(() -> world.filedRecords.find(DomainName.of(domain)));
    }

    static <T> T ok(Outcome<T> outcome) {
        if (outcome instanceof Outcome.Ok<T> ok) {
            return ok.value();
        }
        throw new AssertionError("expected success, got " + outcome);
    }

    static ErrorCode code(Outcome<?> outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        return ((Outcome.Failed<?>) outcome).failure().code();
    }

}
