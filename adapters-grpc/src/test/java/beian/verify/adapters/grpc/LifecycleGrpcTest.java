package beian.verify.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.grpc.v1.Application;
import beian.verify.adapters.grpc.v1.SubmitApplicationRequest;
import beian.verify.adapters.grpc.v1.Target;
import beian.verify.core.domain.DomainName;
import io.grpc.Status;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/** From submission through SMS verification to approval, then a transfer-in by a second provider. */
@MicronautTest
class LifecycleGrpcTest extends GrpcTestSupport {

    @Test
    void submitVerifyApproveThenASecondProviderTransfersTheWebsiteIn() {
        SubmitApplicationRequest filing = newFiling("TJ");
        String domain = filing.getWebsites(0).getDomain();
        Application submitted = submit(filing);
        assertThat(submitted.getStatus()).isEqualTo(Application.Status.PENDING_VERIFICATION);
        assertThat(provider().getApplication(ApplicationServiceGrpcTest.get(submitted.getApplicationId()))
                .getTargetsList()).allSatisfy(t -> assertThat(t.getSmsSentCount()).isEqualTo(1));

        verify(filing.getSubjectPrincipal());
        Application half = provider().getApplication(ApplicationServiceGrpcTest.get(submitted.getApplicationId()));
        assertThat(half.getTargetsList()).extracting(Target::getStatus).containsExactly(Target.Status.VERIFIED, Target.Status.PENDING);
        verify(filing.getWebsites(0).getPrincipal());
        assertThat(provider().getApplication(ApplicationServiceGrpcTest.get(submitted.getApplicationId())).getStatus())
                .isEqualTo(Application.Status.READY_FOR_REVIEW);

        Application approved = reviews(REVIEWER_TJ_KEY).approveApplication(
                ReviewServiceGrpcTest.approve(submitted.getApplicationId(), "津ICP备26000001号"));
        assertThat(approved.getStatus()).isEqualTo(Application.Status.APPROVED);
        assertThat(approved.getFilingNumber()).isEqualTo("津ICP备26000001号");

        // The second provider must give the filed website principal's phone; another phone is refused.
        var principal = filing.getWebsites(0).getPrincipal();
        failure(() -> otherProvider().submitApplication(ApplicationServiceGrpcTest.transferIn("TJ", domain,
                        principal.toBuilder().setPhone(phone(990_000 + serial())).build())),
                Status.Code.FAILED_PRECONDITION, "TRANSFER_PHONE_MISMATCH");
        Application transfer = otherProvider().submitApplication(ApplicationServiceGrpcTest.transferIn("TJ", domain, principal));
        core.dispatch();
        assertThat(transfer.getStatus()).isEqualTo(Application.Status.PENDING_VERIFICATION);
        assertThat(transfer.getProviderId()).isEqualTo("other-provider");
        assertThat(transfer.getTargetsList()).singleElement().satisfies(t ->
                assertThat(t.getRolesList()).containsExactly(beian.verify.adapters.grpc.v1.Role.WEBSITE_PRINCIPAL));
        failure(() -> provider().getApplication(ApplicationServiceGrpcTest.get(transfer.getApplicationId())),
                Status.Code.NOT_FOUND, "APPLICATION_NOT_FOUND");

        verify(principal);
        Application moved = reviews(REVIEWER_TJ_KEY).approveApplication(
                ReviewServiceGrpcTest.approve(transfer.getApplicationId(), ""));
        assertThat(moved.getStatus()).isEqualTo(Application.Status.APPROVED);
        assertThat(moved.getFilingNumber()).isEqualTo("津ICP备26000001号");
        assertThat(core.tx.inTransaction(() -> core.filedRecords.find(DomainName.of(domain))).orElseThrow().provider().value())
                .isEqualTo("other-provider");
    }
}
