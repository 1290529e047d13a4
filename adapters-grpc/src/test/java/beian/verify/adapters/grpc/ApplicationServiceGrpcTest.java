package beian.verify.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.grpc.v1.Application;
import beian.verify.adapters.grpc.v1.FiledRecord;
import beian.verify.adapters.grpc.v1.FilingType;
import beian.verify.adapters.grpc.v1.GetApplicationRequest;
import beian.verify.adapters.grpc.v1.IdType;
import beian.verify.adapters.grpc.v1.ImportFiledRecordsRequest;
import beian.verify.adapters.grpc.v1.ListApplicationsRequest;
import beian.verify.adapters.grpc.v1.ListApplicationsResponse;
import beian.verify.adapters.grpc.v1.Person;
import beian.verify.adapters.grpc.v1.Role;
import beian.verify.adapters.grpc.v1.SubmitApplicationRequest;
import beian.verify.adapters.grpc.v1.Target;
import beian.verify.adapters.grpc.v1.Website;
import beian.verify.adapters.grpc.v1.WithdrawApplicationRequest;
import io.grpc.Status;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ApplicationService over a real server and channel, on the real core (in-memory storage). */
@MicronautTest
class ApplicationServiceGrpcTest extends GrpcTestSupport {

    @Test
    void submitAnswersThePendingApplicationWithMaskedTargetsAndTheDeadline() {
        SubmitApplicationRequest request = newFiling("TJ");
        Application application = provider().submitApplication(request);

        assertThat(application.getApplicationId()).isNotEmpty();
        assertThat(application.getRequestId()).isEqualTo(request.getRequestId());
        assertThat(application.getProviderId()).isEqualTo(PROVIDER_ID);
        assertThat(application.getType()).isEqualTo(FilingType.NEW_FILING);
        assertThat(application.getProvince()).isEqualTo("TJ");
        assertThat(application.getStatus()).isEqualTo(Application.Status.PENDING_VERIFICATION);
        assertThat(application.getReturnReason()).isEqualTo(Application.ReturnReason.RETURN_REASON_UNSPECIFIED);
        assertThat(application.getDeadline().getSeconds() - application.getSubmittedAt().getSeconds())
                .isEqualTo(Duration.ofHours(48).toSeconds());
        String subjectPhone = request.getSubjectPrincipal().getPhone();
        String websitePhone = request.getWebsites(0).getPrincipal().getPhone();
        assertThat(application.getTargetsList()).extracting(Target::getMaskedPhone).containsExactly(
                subjectPhone.substring(0, 3) + "****" + subjectPhone.substring(7),
                websitePhone.substring(0, 3) + "****" + websitePhone.substring(7));
        assertThat(application.getTargets(0).getRolesList()).containsExactly(Role.SUBJECT_PRINCIPAL);
        assertThat(application.getTargets(1).getRolesList()).containsExactly(Role.WEBSITE_PRINCIPAL);
        assertThat(application.getTargetsList()).allSatisfy(t -> {
            assertThat(t.getStatus()).isEqualTo(Target.Status.PENDING);
            assertThat(t.getSmsSentCount()).isZero();
        });
        assertThat(application.toString()).doesNotContain(subjectPhone, request.getSubjectPrincipal().getIdNumber());
    }

    @Test
    void aProvinceWithoutVerificationGoesStraightToReview() {
        Application application = provider().submitApplication(newFiling("BJ"));
        assertThat(application.getStatus()).isEqualTo(Application.Status.READY_FOR_REVIEW);
        assertThat(application.getTargetsList()).isEmpty();
    }

    @Test
    void submittingTheSameRequestAgainAnswersTheSameApplicationAndSendsNoSecondSms() {
        SubmitApplicationRequest request = newFiling("TJ");
        Application first = submit(request);
        int sent = core.carrier.calls().size();

        Application again = submit(request);

        assertThat(again.getApplicationId()).isEqualTo(first.getApplicationId());
        assertThat(core.carrier.calls()).hasSize(sent);
        assertThat(core.carrier.callsTo(request.getSubjectPrincipal().getPhone())).hasSize(1);
    }

    @Test
    void aRequestIdReusedForAnotherSubmissionIsInvalidNamingRequestId() {
        SubmitApplicationRequest request = newFiling("TJ");
        provider().submitApplication(request);
        invalidArgument(() -> provider().submitApplication(request.toBuilder().setSubjectName("另一家公司").build()),
                "request_id");
    }

    @Test
    void theSameRequestIdOfAnotherProviderIsAnotherApplication() {
        SubmitApplicationRequest request = newFiling("BJ");
        Application mine = provider().submitApplication(request);
        Application theirs = otherProvider().submitApplication(request);
        assertThat(theirs.getApplicationId()).isNotEqualTo(mine.getApplicationId());
    }

    @Test
    void malformedSubmissionsAreInvalidArgumentNamingTheField() {
        SubmitApplicationRequest good = newFiling("TJ");
        invalidArgument(() -> provider().submitApplication(good.toBuilder().clearType().build()), "type");
        invalidArgument(() -> provider().submitApplication(good.toBuilder().setTypeValue(99).build()), "type");
        invalidArgument(() -> provider().submitApplication(good.toBuilder().setRequestId("").build()), "request_id");
        invalidArgument(() -> provider().submitApplication(good.toBuilder().setProvince("XX").build()), "province");
        invalidArgument(() -> provider().submitApplication(good.toBuilder().setSubjectPrincipal(
                good.getSubjectPrincipal().toBuilder().setPhone("12345")).build()), "subject_principal.phone");
        invalidArgument(() -> provider().submitApplication(good.toBuilder().setSubjectPrincipal(
                good.getSubjectPrincipal().toBuilder().setIdNumber("110105199001010011")).build()),
                "subject_principal.id_number");
        invalidArgument(() -> provider().submitApplication(good.toBuilder().setSubjectPrincipal(
                good.getSubjectPrincipal().toBuilder().setIdTypeValue(42)).build()), "subject_principal.id_type");
        invalidArgument(() -> provider().submitApplication(good.toBuilder().setWebsites(0,
                good.getWebsites(0).toBuilder().setDomain("not a domain")).build()), "websites[0].domain");
        invalidArgument(() -> provider().submitApplication(good.toBuilder().setWebsites(0,
                good.getWebsites(0).toBuilder().clearPrincipal()).build()), "websites[0].principal");
        invalidArgument(() -> provider().submitApplication(good.toBuilder().clearSubjectPrincipal().build()),
                "subject_principal");
    }

    @Test
    void passportsAndPermitsAreAcceptedWithTheirOwnFormat() {
        SubmitApplicationRequest request = newFiling("TJ");
        Person passport = request.getSubjectPrincipal().toBuilder().setIdType(IdType.PASSPORT).setIdNumber("E12345678").build();
        Application application = provider().submitApplication(request.toBuilder().setSubjectPrincipal(passport).build());
        assertThat(application.getStatus()).isEqualTo(Application.Status.PENDING_VERIFICATION);
    }

    @Test
    void getAnswersTheProvidersOwnApplication() {
        Application submitted = provider().submitApplication(newFiling("TJ"));
        Application got = provider().getApplication(get(submitted.getApplicationId()));
        assertThat(got).isEqualTo(submitted);
    }

    @Test
    void anotherProvidersApplicationIsNotFoundAndShowsNothing() {
        Application mine = provider().submitApplication(newFiling("TJ"));
        var e = failure(() -> otherProvider().getApplication(get(mine.getApplicationId())),
                Status.Code.NOT_FOUND, "APPLICATION_NOT_FOUND");
        assertThat(e.getStatus().getDescription()).doesNotContain("TJ", PROVIDER_ID);
        failure(() -> otherProvider().withdrawApplication(withdraw(mine.getApplicationId())),
                Status.Code.NOT_FOUND, "APPLICATION_NOT_FOUND");
        assertThat(provider().getApplication(get(mine.getApplicationId())).getStatus())
                .isEqualTo(Application.Status.PENDING_VERIFICATION);
    }

    @Test
    void anUnknownApplicationIsNotFoundAndAMalformedIdIsInvalid() {
        failure(() -> provider().getApplication(get("0190a5b2-7c3e-7abc-8def-0123456789ab")),
                Status.Code.NOT_FOUND, "APPLICATION_NOT_FOUND");
        invalidArgument(() -> provider().getApplication(get("'; DROP TABLE applications; --")), "application_id");
        invalidArgument(() -> provider().getApplication(get("")), "application_id");
    }

    @Test
    void listPagesWithOpaqueTokensOverOnlyTheProvidersApplications() {
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            submitted.add(otherProvider().submitApplication(newFiling("BJ")).getApplicationId());
        }
        List<String> seen = new ArrayList<>();
        Set<String> tokens = new HashSet<>();
        String token = "";
        int pages = 0;
        do {
            ListApplicationsResponse page = otherProvider().listApplications(
                    ListApplicationsRequest.newBuilder().setPageSize(2).setPageToken(token).build());
            assertThat(page.getApplicationsCount()).isLessThanOrEqualTo(2);
            page.getApplicationsList().forEach(a -> {
                assertThat(a.getProviderId()).isEqualTo("other-provider");
                seen.add(a.getApplicationId());
            });
            token = page.getNextPageToken();
            assertThat(token).doesNotContain(seen.isEmpty() ? "-" : seen.get(seen.size() - 1));
            tokens.add(token);
            pages++;
        } while (!token.isEmpty() && pages < 100);
        assertThat(seen).containsAll(submitted).doesNotHaveDuplicates();
        assertThat(pages).isGreaterThanOrEqualTo(3);
    }

    @Test
    void listFiltersByStatus() {
        String pending = provider().submitApplication(newFiling("TJ")).getApplicationId();
        String ready = provider().submitApplication(newFiling("BJ")).getApplicationId();
        ListApplicationsResponse page = provider().listApplications(ListApplicationsRequest.newBuilder()
                .setStatus(Application.Status.READY_FOR_REVIEW).setPageSize(500).build());
        assertThat(page.getApplicationsList()).extracting(Application::getApplicationId).contains(ready).doesNotContain(pending);
        assertThat(page.getApplicationsList()).allSatisfy(a ->
                assertThat(a.getStatus()).isEqualTo(Application.Status.READY_FOR_REVIEW));
    }

    @Test
    void listRefusesANegativePageSizeAndATokenItDidNotHandOut() {
        invalidArgument(() -> provider().listApplications(ListApplicationsRequest.newBuilder().setPageSize(-1).build()),
                "page_size");
        invalidArgument(() -> provider().listApplications(ListApplicationsRequest.newBuilder()
                .setPageToken("bm90LWEtdG9rZW4").build()), "page_token");
        invalidArgument(() -> provider().listApplications(ListApplicationsRequest.newBuilder()
                .setStatusValue(77).build()), "status");
    }

    @Test
    void aPageSizeAboveTheLimitIsCutTo500() {
        beian.verify.core.domain.ProviderId bulk = new beian.verify.core.domain.ProviderId("bulk-provider");
        for (int i = 0; i < 501; i++) {
            SubmitApplicationRequest r = newFiling("BJ");
            assertThat(core.submission.submit(new beian.verify.core.port.in.SubmitApplicationUseCase.SubmitApplicationCommand(
                    bulk, r.getRequestId(), beian.verify.core.domain.FilingType.NEW_FILING, "BJ", "批量",
                    beian.verify.core.testing.People.person("张三", r.getSubjectPrincipal().getPhone(),
                            r.getSubjectPrincipal().getIdNumber()),
                    List.of(new beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput(
                            r.getWebsites(0).getDomain(), beian.verify.core.testing.People.person("李四",
                                    r.getWebsites(0).getPrincipal().getPhone(), r.getWebsites(0).getPrincipal().getIdNumber()))),
                    false))).isInstanceOf(beian.verify.core.port.in.Outcome.Ok.class);
        }
        var bulkStub = applications("test-bulk-provider-key");
        ListApplicationsResponse first = bulkStub.listApplications(
                ListApplicationsRequest.newBuilder().setPageSize(1_000_000).build());
        assertThat(first.getApplicationsCount()).isEqualTo(500);
        assertThat(first.getNextPageToken()).isNotEmpty();
        ListApplicationsResponse rest = bulkStub.listApplications(ListApplicationsRequest.newBuilder()
                .setPageSize(1_000_000).setPageToken(first.getNextPageToken()).build());
        assertThat(rest.getApplicationsCount()).isEqualTo(1);
        assertThat(rest.getNextPageToken()).isEmpty();
        assertThat(bulkStub.listApplications(ListApplicationsRequest.getDefaultInstance()).getApplicationsCount())
                .as("the default page").isEqualTo(50);
    }

    @Test
    void withdrawReturnsTheApplicationAndASecondWithdrawalIsAFailedPrecondition() {
        Application submitted = provider().submitApplication(newFiling("TJ"));
        Application withdrawn = provider().withdrawApplication(withdraw(submitted.getApplicationId()));
        assertThat(withdrawn.getStatus()).isEqualTo(Application.Status.RETURNED);
        assertThat(withdrawn.getReturnReason()).isEqualTo(Application.ReturnReason.WITHDRAWN);

        failure(() -> provider().withdrawApplication(withdraw(submitted.getApplicationId())),
                Status.Code.FAILED_PRECONDITION, "WRONG_STATUS");
    }

    @Test
    void aTransferInWithAnotherPhoneThanTheFiledRecordIsRefusedWithTheGuidance() {
        int n = serial();
        String domain = "filed" + n + ".cn";
        reviewer().importFiledRecords(ImportFiledRecordsRequest.newBuilder().addRecords(FiledRecord.newBuilder()
                .setDomain(domain).setFilingNumber("津ICP备" + (10000000 + n) + "号-1").setProvince("TJ")
                .setProviderId("old-provider").setWebsitePrincipalPhone(phone(900_000 + n))).build());

        SubmitApplicationRequest transfer = transferIn("TJ", domain, person("王五", phone(800_000 + n), n));
        var e = failure(() -> provider().submitApplication(transfer), Status.Code.FAILED_PRECONDITION,
                "TRANSFER_PHONE_MISMATCH");
        assertThat(e.getStatus().getDescription()).contains("NEW_WEBSITE").contains("原接入服务商");
        assertThat(errorInfo(e).orElseThrow().getMetadataMap()).containsEntry("field", "websites[0].principal.phone");
    }

    @Test
    void aTransferInOfAWebsiteWithNoFiledRecordIsRefused() {
        int n = serial();
        failure(() -> provider().submitApplication(transferIn("TJ", "never-filed" + n + ".cn",
                person("王五", phone(n), n))), Status.Code.FAILED_PRECONDITION, "FILED_RECORD_NOT_FOUND");
    }

    static SubmitApplicationRequest transferIn(String province, String domain, Person principal) {
        return SubmitApplicationRequest.newBuilder().setRequestId("transfer-" + serial()).setType(FilingType.TRANSFER_IN)
                .setProvince(province).addWebsites(Website.newBuilder().setDomain(domain).setPrincipal(principal)).build();
    }

    static GetApplicationRequest get(String id) {
        return GetApplicationRequest.newBuilder().setApplicationId(id).build();
    }

    static WithdrawApplicationRequest withdraw(String id) {
        return WithdrawApplicationRequest.newBuilder().setApplicationId(id).build();
    }
}
