package beian.verify.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.grpc.v1.ApplicationServiceGrpc;
import beian.verify.adapters.grpc.v1.ListApplicationsRequest;
import beian.verify.adapters.grpc.v1.ListReadyForReviewRequest;
import beian.verify.adapters.grpc.v1.ReviewServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** API.md's demo keys work in the dev environment, and nowhere else. */
class DevKeysTest {

    private static ApplicationContext start(String... environments) {
        return ApplicationContext.run(EmbeddedServer.class, Map.of(
                "beian.db.url", "jdbc:h2:mem:devkeys-" + UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "beian.test.recording-carrier", "true"), environments).getApplicationContext();
    }

    private static void withChannel(ApplicationContext context, java.util.function.Consumer<ManagedChannel> use)
            throws InterruptedException {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1",
                context.getBean(GrpcEmbeddedServer.class).getPort()).usePlaintext().build();
        try {
            use.accept(channel);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theDemoKeysOfApiMdWorkInTheDevEnvironment() throws Exception {
        try (ApplicationContext dev = start("test", "dev")) {
            withChannel(dev, channel -> {
                GrpcEndToEndTest.withKey(ApplicationServiceGrpc.newBlockingStub(channel), "demo-provider-key")
                        .listApplications(ListApplicationsRequest.getDefaultInstance());
                GrpcEndToEndTest.withKey(ApplicationServiceGrpc.newBlockingStub(channel), "other-provider-key")
                        .listApplications(ListApplicationsRequest.getDefaultInstance());
                GrpcEndToEndTest.withKey(ReviewServiceGrpc.newBlockingStub(channel), "demo-reviewer-key")
                        .listReadyForReview(ListReadyForReviewRequest.newBuilder().setProvince("XJ").build());
            });
        }
    }

    @Test
    void theDemoKeysDoNotExistOutsideTheDevEnvironment() throws Exception {
        try (ApplicationContext notDev = start("test")) {
            withChannel(notDev, channel -> GrpcEndToEndTest.failure(() -> GrpcEndToEndTest.withKey(
                    ApplicationServiceGrpc.newBlockingStub(channel), "demo-provider-key")
                    .listApplications(ListApplicationsRequest.getDefaultInstance()),
                    Status.Code.UNAUTHENTICATED, "UNAUTHENTICATED"));
        }
    }
}
