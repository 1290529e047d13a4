package beian.verify.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.grpc.v1.Application;
import beian.verify.adapters.grpc.v1.ApproveApplicationRequest;
import beian.verify.adapters.grpc.v1.FiledRecord;
import beian.verify.adapters.grpc.v1.ImportFiledRecordsRequest;
import beian.verify.adapters.grpc.v1.ImportFiledRecordsResponse;
import beian.verify.adapters.grpc.v1.ListApplicationsResponse;
import beian.verify.adapters.grpc.v1.ListReadyForReviewRequest;
import beian.verify.adapters.grpc.v1.RejectApplicationRequest;
import beian.verify.core.domain.DomainName;
import io.grpc.Status;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ReviewService over a real server and channel, on the real core (in-memory storage). */
@MicronautTest
class ReviewServiceGrpcTest extends GrpcTestSupport {

    @Test
    void readyApplicationsAreListedForTheReviewersOfTheirProvinceOnly() {
        String bj = provider().submitApplication(newFiling("BJ")).getApplicationId();
        String pendingTj = provider().submitApplication(newFiling("TJ")).getApplicationId();

        assertThat(ids(reviewer(), "BJ")).contains(bj);
        assertThat(ids(reviewer(), "")).contains(bj).doesNotContain(pendingTj);
        assertThat(ids(reviews(REVIEWER_TJ_KEY), "BJ")).isEmpty();
        assertThat(ids(reviews(REVIEWER_TJ_KEY), "")).doesNotContain(bj);
    }

    @Test
    void listReadyForReviewPagesWithTokensAndRefusesABadProvince() {
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            submitted.add(provider().submitApplication(newFiling("HK")).getApplicationId());
        }
        List<String> seen = new ArrayList<>();
        String token = "";
        do {
            ListApplicationsResponse page = reviewer().listReadyForReview(ListReadyForReviewRequest.newBuilder()
                    .setProvince("HK").setPageSize(1).setPageToken(token).build());
            assertThat(page.getApplicationsCount()).isLessThanOrEqualTo(1);
            page.getApplicationsList().forEach(a -> seen.add(a.getApplicationId()));
            token = page.getNextPageToken();
        } while (!token.isEmpty() && seen.size() < 100);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(submitted);

        invalidArgument(() -> reviewer().listReadyForReview(ListReadyForReviewRequest.newBuilder().setProvince("ZZ").build()),
                "province");
        invalidArgument(() -> reviewer().listReadyForReview(ListReadyForReviewRequest.newBuilder().setPageToken("%%").build()),
                "page_token");
    }

    @Test
    void approvalGivesTheFilingNumberThenARejectionIsAFailedPrecondition() {
        var request = newFiling("BJ");
        Application ready = provider().submitApplication(request);
        Application approved = reviewer().approveApplication(approve(ready.getApplicationId(), "京ICP备20260001号"));
        assertThat(approved.getStatus()).isEqualTo(Application.Status.APPROVED);
        assertThat(approved.getFilingNumber()).isEqualTo("京ICP备20260001号");
        assertThat(filed(DomainName.of(request.getWebsites(0).getDomain()))).hasValueSatisfying(
                r -> assertThat(r.filingNumber().value()).isEqualTo("京ICP备20260001号"));

        failure(() -> reviewer().rejectApplication(reject(ready.getApplicationId(), "材料不全")),
                Status.Code.FAILED_PRECONDITION, "WRONG_STATUS");
        failure(() -> reviewer().approveApplication(approve(ready.getApplicationId(), "京ICP备20260001号")),
                Status.Code.FAILED_PRECONDITION, "WRONG_STATUS");
    }

    @Test
    void aPendingApplicationCannotBeApproved() {
        Application pending = provider().submitApplication(newFiling("TJ"));
        failure(() -> reviewer().approveApplication(approve(pending.getApplicationId(), "津ICP备1号")),
                Status.Code.FAILED_PRECONDITION, "WRONG_STATUS");
    }

    @Test
    void rejectionKeepsTheReason() {
        Application ready = provider().submitApplication(newFiling("BJ"));
        Application rejected = reviewer().rejectApplication(reject(ready.getApplicationId(), "网站名称不符合要求"));
        assertThat(rejected.getStatus()).isEqualTo(Application.Status.REJECTED);
        assertThat(rejected.getRejectReason()).isEqualTo("网站名称不符合要求");
    }

    @Test
    void malformedReviewRequestsAreInvalidNamingTheField() {
        Application ready = provider().submitApplication(newFiling("BJ"));
        invalidArgument(() -> reviewer().approveApplication(approve(ready.getApplicationId(), "")), "filing_number");
        invalidArgument(() -> reviewer().rejectApplication(reject(ready.getApplicationId(), " ")), "reason");
        invalidArgument(() -> reviewer().rejectApplication(reject(ready.getApplicationId(), "x".repeat(501))), "reason");
        invalidArgument(() -> reviewer().approveApplication(approve("nope", "京ICP备1号")), "application_id");
        failure(() -> reviewer().approveApplication(approve("0190a5b2-7c3e-7abc-8def-0123456789ab", "京ICP备1号")),
                Status.Code.NOT_FOUND, "APPLICATION_NOT_FOUND");
        assertThat(provider().getApplication(ApplicationServiceGrpcTest.get(ready.getApplicationId())).getStatus())
                .isEqualTo(Application.Status.READY_FOR_REVIEW);
    }

    @Test
    void aReviewerOfAnotherProvinceNeitherSeesNorChangesTheApplication() {
        Application gs = provider().submitApplication(newFiling("BJ"));
        failure(() -> reviews(REVIEWER_TJ_KEY).approveApplication(approve(gs.getApplicationId(), "京ICP备2号")),
                Status.Code.NOT_FOUND, "APPLICATION_NOT_FOUND");
        failure(() -> reviews(REVIEWER_GS_KEY).rejectApplication(reject(gs.getApplicationId(), "no")),
                Status.Code.NOT_FOUND, "APPLICATION_NOT_FOUND");
        assertThat(provider().getApplication(ApplicationServiceGrpcTest.get(gs.getApplicationId())).getStatus())
                .isEqualTo(Application.Status.READY_FOR_REVIEW);
    }

    @Test
    void importUpsertsByDomainAndReportsEachBadRecordWithoutStoppingTheRest() {
        int n = serial();
        FiledRecord good = record("imported" + n + ".cn", "TJ", phone(700_000 + n));
        ImportFiledRecordsResponse response = reviewer().importFiledRecords(ImportFiledRecordsRequest.newBuilder()
                .addRecords(good)
                .addRecords(good.toBuilder().setWebsitePrincipalPhone("not-a-phone"))
                .addRecords(record("second" + n + ".cn", "GS", phone(710_000 + n)))
                .addRecords(good.toBuilder().setWebsitePrincipalPhone(phone(720_000 + n))) // the same domain again
                .build());

        assertThat(response.getImported()).isEqualTo(3);
        assertThat(response.getFailuresList()).singleElement().satisfies(f -> {
            assertThat(f.getIndex()).isEqualTo(1);
            assertThat(f.getCode()).isEqualTo("INVALID_ARGUMENT");
            assertThat(f.getField()).isEqualTo("records[1].website_principal_phone");
        });
        assertThat(filed(DomainName.of("imported" + n + ".cn")).orElseThrow()
                .websitePrincipalPhone().value()).isEqualTo(phone(720_000 + n));
    }

    @Test
    void aReviewerImportsOnlyForItsOwnProvinces() {
        int n = serial();
        ImportFiledRecordsResponse response = reviews(REVIEWER_TJ_KEY).importFiledRecords(ImportFiledRecordsRequest
                .newBuilder().addRecords(record("gs-site" + n + ".cn", "GS", phone(n))).build());
        assertThat(response.getImported()).isZero();
        assertThat(response.getFailures(0).getField()).isEqualTo("records[0].province");
        assertThat(filed(DomainName.of("gs-site" + n + ".cn"))).isEmpty();
    }

    @Test
    void aMessageOverTheInboundLimitIsRefusedAndNothingIsStored() throws InterruptedException {
        ImportFiledRecordsRequest.Builder huge = ImportFiledRecordsRequest.newBuilder();
        String padding = "x".repeat(1000);
        for (int i = 0; i < 5000; i++) {
            huge.addRecords(record("huge" + i + ".cn", "TJ", phone(i)).toBuilder().setFilingNumber(padding));
        }
        // grpc-java says so itself, a WARNING with a stack trace: expected here, not for the run's output
        try (JulCapture grpc = JulCapture.of("io.grpc.netty.NettyServerStream")) {
            var e = org.assertj.core.api.Assertions.catchThrowableOfType(io.grpc.StatusRuntimeException.class,
                    () -> reviewer().importFiledRecords(huge.build()));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(grpc.awaitRecords()).singleElement().satisfies(r ->
                    assertThat(r.getThrown()).hasMessageContaining("exceeds maximum size"));
        }
        assertThat(filed(DomainName.of("huge0.cn"))).isEmpty();
    }

    private List<String> ids(beian.verify.adapters.grpc.v1.ReviewServiceGrpc.ReviewServiceBlockingStub stub, String province) {
        return stub.listReadyForReview(ListReadyForReviewRequest.newBuilder().setProvince(province).setPageSize(500).build())
                .getApplicationsList().stream().map(Application::getApplicationId).toList();
    }

    private java.util.Optional<beian.verify.core.domain.FiledRecord> filed(DomainName domain) {
        return core.tx.inTransaction(() -> core.filedRecords.find(domain));
    }

    static FiledRecord record(String domain, String province, String websitePhone) {
        return FiledRecord.newBuilder().setDomain(domain).setFilingNumber("备" + domain).setProvince(province)
                .setProviderId("earlier-provider").setWebsitePrincipalPhone(websitePhone).build();
    }

    static ApproveApplicationRequest approve(String id, String filingNumber) {
        return ApproveApplicationRequest.newBuilder().setApplicationId(id).setFilingNumber(filingNumber).build();
    }

    static RejectApplicationRequest reject(String id, String reason) {
        return RejectApplicationRequest.newBuilder().setApplicationId(id).setReason(reason).build();
    }
}
