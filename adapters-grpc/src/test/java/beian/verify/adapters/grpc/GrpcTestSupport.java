package beian.verify.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import beian.verify.adapters.grpc.v1.Application;
import beian.verify.adapters.grpc.v1.ApplicationServiceGrpc;
import beian.verify.adapters.grpc.v1.ApplicationServiceGrpc.ApplicationServiceBlockingStub;
import beian.verify.adapters.grpc.v1.FilingType;
import beian.verify.adapters.grpc.v1.Person;
import beian.verify.adapters.grpc.v1.ReviewServiceGrpc;
import beian.verify.adapters.grpc.v1.ReviewServiceGrpc.ReviewServiceBlockingStub;
import beian.verify.adapters.grpc.v1.SubmitApplicationRequest;
import beian.verify.adapters.grpc.v1.Website;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.People;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A real client over a real channel to the gRPC server of the test's context, and the checks the tests share. */
abstract class GrpcTestSupport {
    static final String PROVIDER_KEY = "test-provider-key";
    static final String OTHER_PROVIDER_KEY = "test-other-provider-key";
    static final String REVIEWER_ALL_KEY = "test-reviewer-all-key";
    static final String REVIEWER_TJ_KEY = "test-reviewer-tj-key";
    static final String REVIEWER_GS_KEY = "test-reviewer-gs-key";
    private static final AtomicInteger SERIAL = new AtomicInteger();

    @Inject
    GrpcEmbeddedServer server;
    @Inject
    CoreFixture core;

    ManagedChannel channel;

    @BeforeEach
    void openChannel() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    }

    @AfterEach
    void closeChannel() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    static <S extends AbstractStub<S>> S withKey(S stub, String key) {
        Metadata headers = new Metadata();
        headers.put(CallerInterceptor.AUTHORIZATION, "Bearer " + key);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    ApplicationServiceBlockingStub applications(String key) {
        return withKey(ApplicationServiceGrpc.newBlockingStub(channel), key);
    }

    ApplicationServiceBlockingStub provider() {
        return applications(PROVIDER_KEY);
    }

    ApplicationServiceBlockingStub otherProvider() {
        return applications(OTHER_PROVIDER_KEY);
    }

    ReviewServiceBlockingStub reviews(String key) {
        return withKey(ReviewServiceGrpc.newBlockingStub(channel), key);
    }

    ReviewServiceBlockingStub reviewer() {
        return reviews(REVIEWER_ALL_KEY);
    }

    /** A number no other test of the run uses, for request ids, domains and phones. */
    static int serial() {
        return SERIAL.incrementAndGet();
    }

    static String phone(int n) {
        return String.format("139%08d", n);
    }

    static Person person(String name, String phone, int idSerial) {
        return Person.newBuilder().setName(name).setPhone(phone).setIdNumber(People.residentId(idSerial)).build();
    }

    /** A NEW_FILING whose subject and website principals are two people with their own phones. */
    static SubmitApplicationRequest newFiling(String province) {
        int n = serial();
        return SubmitApplicationRequest.newBuilder()
                .setRequestId("req-" + n)
                .setType(FilingType.NEW_FILING)
                .setProvince(province)
                .setSubjectName("示例科技有限公司")
                .setSubjectPrincipal(person("张三", phone(2 * n), 2 * n))
                .addWebsites(Website.newBuilder().setDomain("site" + n + ".cn")
                        .setPrincipal(person("李四", phone(2 * n + 1), 2 * n + 1)))
                .build();
    }

    /** Submits over gRPC as the test provider and lets the carrier take the first SMS. */
    Application submit(SubmitApplicationRequest request) {
        Application application = provider().submitApplication(request);
        core.dispatch();
        return application;
    }

    /** Verifies every target of a submitted NEW_FILING the way a person would on the page. */
    void verifyAll(SubmitApplicationRequest request) {
        verify(request.getSubjectPrincipal());
        request.getWebsitesList().forEach(w -> verify(w.getPrincipal()));
    }

    void verify(Person person) {
        core.verify(person.getPhone(), People.tail(person.getIdNumber()), core.carrier.lastCodeTo(person.getPhone()));
    }

    /** The call's failure, checked for the status code and the stable code (message start and ErrorInfo). */
    static StatusRuntimeException failure(Runnable call, Status.Code code, String reason) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call::run);
        assertThat(e).as("the call should fail with %s", code).isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(code);
        assertThat(e.getStatus().getDescription()).startsWith(reason + ": ");
        assertThat(errorInfo(e)).hasValueSatisfying(info -> {
            assertThat(info.getReason()).isEqualTo(reason);
            assertThat(info.getDomain()).isEqualTo("beian.verify");
        });
        return e;
    }

    /** An INVALID_ARGUMENT naming {@code field} in the message, the ErrorInfo and a BadRequest violation. */
    static void invalidArgument(Runnable call, String field) {
        StatusRuntimeException e = failure(call, Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT");
        assertThat(e.getStatus().getDescription()).startsWith("INVALID_ARGUMENT: " + field + ": ");
        assertThat(errorInfo(e).orElseThrow().getMetadataMap()).containsEntry("field", field);
        assertThat(detail(e, BadRequest.class)).hasValueSatisfying(
                bad -> assertThat(bad.getFieldViolations(0).getField()).isEqualTo(field));
    }

    static Optional<ErrorInfo> errorInfo(StatusRuntimeException e) {
        return detail(e, ErrorInfo.class);
    }

    static <T extends com.google.protobuf.Message> Optional<T> detail(StatusRuntimeException e, Class<T> type) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        if (status == null) {
            return Optional.empty();
        }
        return status.getDetailsList().stream().filter(any -> any.is(type)).findFirst().map(any -> {
            try {
                return any.unpack(type);
            } catch (InvalidProtocolBufferException ex) {
                throw new AssertionError(ex);
            }
        });
    }

    static final String PROVIDER_ID = CoreFixture.PROVIDER.value();
}
