package beian.verify.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.grpc.v1.Application;
import beian.verify.adapters.grpc.v1.ApplicationServiceGrpc;
import beian.verify.adapters.grpc.v1.ListApplicationsRequest;
import beian.verify.adapters.grpc.v1.ListReadyForReviewRequest;
import beian.verify.adapters.grpc.v1.ReviewServiceGrpc;
import beian.verify.adapters.grpc.v1.WatchEventsRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Who may call what: keys, services, and the anonymous health check. */
@MicronautTest
class CredentialsGrpcTest extends GrpcTestSupport {

    @Test
    void aCallWithoutAKeyIsUnauthenticated() {
        var anonymous = ApplicationServiceGrpc.newBlockingStub(channel);
        failure(() -> anonymous.listApplications(ListApplicationsRequest.getDefaultInstance()),
                Status.Code.UNAUTHENTICATED, "UNAUTHENTICATED");
        failure(() -> ReviewServiceGrpc.newBlockingStub(channel).listReadyForReview(
                ListReadyForReviewRequest.getDefaultInstance()), Status.Code.UNAUTHENTICATED, "UNAUTHENTICATED");
        failure(() -> anonymous.watchEvents(WatchEventsRequest.getDefaultInstance()).hasNext(),
                Status.Code.UNAUTHENTICATED, "UNAUTHENTICATED");
    }

    @Test
    void anUnknownKeyOrAnotherSchemeIsUnauthenticated() {
        failure(() -> applications("no-such-key").listApplications(ListApplicationsRequest.getDefaultInstance()),
                Status.Code.UNAUTHENTICATED, "UNAUTHENTICATED");
        // the hash itself is not a key
        failure(() -> applications(KeyRing.sha256(PROVIDER_KEY)).listApplications(ListApplicationsRequest.getDefaultInstance()),
                Status.Code.UNAUTHENTICATED, "UNAUTHENTICATED");
        Metadata basic = new Metadata();
        basic.put(CallerInterceptor.AUTHORIZATION, "Basic " + PROVIDER_KEY);
        failure(() -> ApplicationServiceGrpc.newBlockingStub(channel)
                        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(basic))
                        .listApplications(ListApplicationsRequest.getDefaultInstance()),
                Status.Code.UNAUTHENTICATED, "UNAUTHENTICATED");
    }

    @Test
    void aProviderKeyCannotCallReviewService() {
        Application ready = provider().submitApplication(newFiling("BJ"));
        var asProvider = reviews(PROVIDER_KEY);
        failure(() -> asProvider.listReadyForReview(ListReadyForReviewRequest.getDefaultInstance()),
                Status.Code.PERMISSION_DENIED, "PERMISSION_DENIED");
        failure(() -> asProvider.approveApplication(ReviewServiceGrpcTest.approve(ready.getApplicationId(), "京ICP备9号")),
                Status.Code.PERMISSION_DENIED, "PERMISSION_DENIED");
        assertThat(provider().getApplication(ApplicationServiceGrpcTest.get(ready.getApplicationId())).getStatus())
                .isEqualTo(Application.Status.READY_FOR_REVIEW);
    }

    @Test
    void aReviewerKeyCannotCallApplicationService() {
        failure(() -> applications(REVIEWER_ALL_KEY).submitApplication(newFiling("BJ")),
                Status.Code.PERMISSION_DENIED, "PERMISSION_DENIED");
    }

    @Test
    void healthIsServedWithoutAKey() {
        HealthCheckResponse response = HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        assertThat(HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.newBuilder()
                .setService(ApplicationServiceGrpc.SERVICE_NAME).build()).getStatus())
                .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    @Test
    void reflectionListsTheServicesToAKeyAndToNobodyElse() throws Exception {
        assertThat(listServices(false)).isInstanceOfSatisfying(io.grpc.StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        assertThat(listServices(true)).isInstanceOfSatisfying(ServerReflectionResponse.class, response ->
                assertThat(response.getListServicesResponse().getServiceList()).extracting(s -> s.getName())
                        .contains("beian.verify.v1.ApplicationService", "beian.verify.v1.ReviewService",
                                "grpc.health.v1.Health"));
        // what grpcurl asks next to describe or call a method: the file declaring the service
        assertThat(reflect(ServerReflectionRequest.newBuilder()
                .setFileContainingSymbol("beian.verify.v1.ApplicationService").build()))
                .isInstanceOfSatisfying(ServerReflectionResponse.class, response -> assertThat(
                        response.getFileDescriptorResponse().getFileDescriptorProtoCount()).isPositive());
    }

    /** The reflection answer to list_services, or the error. */
    private Object listServices(boolean withKey) throws Exception {
        var stub = ServerReflectionGrpc.newStub(channel);
        return ask(withKey ? withKey(stub, PROVIDER_KEY) : stub,
                ServerReflectionRequest.newBuilder().setListServices("*").build());
    }

    private Object reflect(ServerReflectionRequest request) throws Exception {
        return ask(withKey(ServerReflectionGrpc.newStub(channel), REVIEWER_ALL_KEY), request);
    }

    private static Object ask(ServerReflectionGrpc.ServerReflectionStub stub, ServerReflectionRequest request)
            throws Exception {
        CompletableFuture<Object> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = stub.serverReflectionInfo(new StreamObserver<>() {
            @Override
            public void onNext(ServerReflectionResponse value) {
                answer.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                answer.complete(t);
            }

            @Override
            public void onCompleted() {
                answer.complete(null);
            }
        });
        requests.onNext(request);
        Object result = answer.get(10, TimeUnit.SECONDS);
        requests.onCompleted();
        return result;
    }
}
