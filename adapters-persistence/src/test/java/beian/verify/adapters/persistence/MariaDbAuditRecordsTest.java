package beian.verify.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.AuditEntry;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.port.in.Caller;
import beian.verify.core.port.in.ListAuditRecordsUseCase.AuditPage;
import beian.verify.core.port.in.ListAuditRecordsUseCase.ListAuditRecordsQuery;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.SubmitApplicationUseCase.SubmitApplicationCommand;
import beian.verify.core.port.in.SubmitApplicationUseCase.Submission;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import beian.verify.core.testing.People;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ListAuditRecords on MariaDB: the province is stored on each audit row and a reviewer's query reads
 * only its provinces; a phone is matched through its blind index and comes back masked.
 */
class MariaDbAuditRecordsTest {
    static final Caller.Reviewer TJ = new Caller.Reviewer(Set.of(new ProvinceCode("TJ")));
    static final Caller.Reviewer GS = new Caller.Reviewer(Set.of(new ProvinceCode("GS")));
    static PersistenceContext db;

    @BeforeAll
    static void start() {
        db = PersistenceContext.mariaDb("audit");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static List<AuditEntry> list(RealCore core, Caller.Reviewer reviewer, String phone, String applicationId) {
        Outcome<AuditPage> outcome = core.auditList.list(new ListAuditRecordsQuery(reviewer, null, phone, applicationId,
                null, null, 0, null));
        return ((Outcome.Ok<AuditPage>) outcome).value().records();
    }

    @Test
    void aReviewerReadsOnlyItsProvincesAttemptsAndFindsAPhoneByItsBlindIndex() {
        db.clear();
        RealCore core = new RealCore(db, Instant.parse("2026-11-28T02:00:00Z"));
        String tjId = People.residentId(61);
        String gsId = People.residentId(62);
        Submission tj = core.submitOk(RealCore.newWebsite("audit-tj", "audit-tj.cn", People.person("甲", "13700000061", tjId)));
        Submission gs = core.submitOk(new SubmitApplicationCommand(RealCore.PROVIDER, "audit-gs", FilingType.NEW_WEBSITE,
                "GS", "示例", null, List.of(new WebsiteInput("audit-gs.cn", People.person("乙", "13700000062", gsId))),
                false));
        core.dispatch();
        core.verify("13700000061", People.tail(tjId), core.carrier.lastCodeTo("13700000061"));
        core.verify("13700000062", People.tail(gsId), core.carrier.lastCodeTo("13700000062"));

        assertThat(list(core, TJ, null, null)).extracting(AuditEntry::maskedPhone).containsExactly("137****0061");
        assertThat(list(core, GS, null, null)).extracting(AuditEntry::maskedPhone).containsExactly("137****0062");
        assertThat(list(core, GS, "13700000062", null)).singleElement()
                .satisfies(e -> assertThat(e.applicationId().value()).isEqualTo(gs.application().applicationId()));
        assertThat(list(core, TJ, "13700000062", null)).isEmpty();
        assertThat(list(core, TJ, null, tj.application().applicationId())).hasSize(1);
    }
}
