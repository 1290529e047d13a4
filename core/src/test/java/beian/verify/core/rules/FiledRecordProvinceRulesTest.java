package beian.verify.core.rules;

import static beian.verify.core.testing.People.person;
import static beian.verify.core.testing.People.residentId;
import static beian.verify.core.testing.People.tail;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.DomainName;
import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.FiledRecord;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.ProvinceCode;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DOMAIN.md "Review and filed records": a reviewer changes only its provinces' records. The province
 * of the record already on file is checked on every upsert and delete, by import and by approval, so
 * a TJ reviewer can neither take over nor remove a GS record.
 */
class FiledRecordProvinceRulesTest {
    static final Caller.Reviewer TJ_REVIEWER = new Caller.Reviewer(Set.of(new ProvinceCode("TJ")));
    static final Caller.Reviewer GS_REVIEWER = new Caller.Reviewer(Set.of(new ProvinceCode("GS")));
    static final String BOB_ID = residentId(2);
    static final PersonInput BOB = person("李四", "13900000002", BOB_ID);

    final CoreFixture world = CoreFixture.atShanghai(2026, 11, 28, 10, 0);

    @BeforeEach
    void aGansuRecord() {
        world.importRecords(GS_REVIEWER, List.of(new FiledRecordInput("gs.cn", "甘ICP备7号-1", "GS", "other-provider",
                null, "13700000007")));
    }

    private Optional<FiledRecord> record(String domain) {
        return world.tx.inTransaction(() -> world.filedRecords.find(DomainName.of(domain)));
    }

    @Test
    void aReviewerCannotImportOverAnotherProvincesRecord() {
        Outcome<ImportReport> outcome = world.importRecords(TJ_REVIEWER, List.of(new FiledRecordInput("gs.cn",
                "津ICP备9号-1", "TJ", "demo-provider", null, "13900000002")));

        ImportReport report = ((Outcome.Ok<ImportReport>) outcome).value();
        assertThat(report.imported()).isZero();
        assertThat(report.failures()).extracting(f -> f.failure().field().toString())
                .containsExactly("RECORDS[0] > DOMAIN");
        assertThat(record("gs.cn").orElseThrow().province().value()).isEqualTo("GS");
        assertThat(record("gs.cn").orElseThrow().websitePrincipalPhone().value()).isEqualTo("13700000007");
    }

    @Test
    void aReviewerCannotApproveATransferInThatTakesOverAnotherProvincesRecord() {
        ApplicationView t = world.submitOk(world.command("t1", FilingType.TRANSFER_IN, "TJ", null,
                List.of(new WebsiteInput("gs.cn", person("王五", "13700000007", residentId(7))))));
        world.verify("13700000007", tail(residentId(7)), world.carrier.lastCodeTo("13700000007"));

        Outcome<ApplicationView> outcome = world.approve(TJ_REVIEWER, t.applicationId(), null);

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed<ApplicationView>) outcome).failure().code())
                .isEqualTo(ErrorCode.FILED_RECORD_OF_ANOTHER_PROVINCE);
        assertThat(record("gs.cn").orElseThrow().province().value()).isEqualTo("GS");
        assertThat(world.view(t.applicationId()).status().name()).isEqualTo("READY_FOR_REVIEW");
    }

    @Test
    void aReviewerCannotApproveACancellationThatDeletesAnotherProvincesRecord() {
        ApplicationView c = world.submitOk(world.command("c1", FilingType.CANCEL_WEBSITE, "TJ", null,
                List.of(new WebsiteInput("gs.cn", BOB))));

        Outcome<ApplicationView> outcome = world.approve(TJ_REVIEWER, c.applicationId(), null);

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        assertThat(record("gs.cn")).isPresent();
    }

    @Test
    void theRecordsOwnProvincesReviewerStillChangesIt() {
        Outcome<ImportReport> outcome = world.importRecords(GS_REVIEWER, List.of(new FiledRecordInput("gs.cn",
                "甘ICP备7号-2", "GS", "other-provider", null, "13700000008")));

        assertThat(((Outcome.Ok<ImportReport>) outcome).value().imported()).isEqualTo(1);
        assertThat(record("gs.cn").orElseThrow().filingNumber().value()).isEqualTo("甘ICP备7号-2");
    }
}
