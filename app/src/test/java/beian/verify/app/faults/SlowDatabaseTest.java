package beian.verify.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.grpc.v1.Application;
import beian.verify.adapters.grpc.v1.ApplicationServiceGrpc;
import beian.verify.adapters.grpc.v1.ApplicationServiceGrpc.ApplicationServiceBlockingStub;
import beian.verify.adapters.grpc.v1.FilingType;
import beian.verify.adapters.grpc.v1.Person;
import beian.verify.adapters.grpc.v1.SubmitApplicationRequest;
import beian.verify.adapters.grpc.v1.Website;
import beian.verify.adapters.grpc.v1.WithdrawApplicationRequest;
import beian.verify.adapters.persistence.testing.TestDatabase;
import beian.verify.core.port.in.IssueCaptchaUseCase;
import beian.verify.core.port.in.IssueCaptchaUseCase.IssuedCaptcha;
import beian.verify.core.testing.People;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Another session holds the rows a request needs locked (an operator's open transaction, a long batch):
 * the request waits {@code beian.db.lock-timeout-ms} (1 s here), then REST answers 503 {@code UNAVAILABLE}
 * and gRPC {@code UNAVAILABLE}; more such requests than the pool has connections prove each gave its
 * connection back; once the lock is released the same requests succeed. On the machine's MariaDB, in a
 * database of the test's own. Prints what it counted.
 */
class SlowDatabaseTest {
    private static final String KEY = "slow-provider-key";
    private static final String PHONE = "13800001111";
    private static final int POOL = 3;
    /** The lock timeout (1 s, whole seconds on MariaDB) plus room for a loaded two-core machine. */
    private static final long BOUND_MILLIS = 4_000;

    @Test
    void aRequestBehindALockHeldElsewhereIsAnsweredUnavailableAfterTheLockTimeoutAndThePoolRecovers() throws Exception {
        try (TestDatabase db = TestDatabase.mariaDb("slow")) {
            Map<String, Object> p = new HashMap<>(db.properties());
            p.put("beian.db.lock-timeout-ms", "1000");
            p.put("beian.db.pool-size", String.valueOf(POOL));
            p.put("beian.rest.rate-limits.enabled", "false");
            p.put("beian.grpc.keys[0].sha256", sha256(KEY));
            p.put("beian.grpc.keys[0].provider", "slow-provider");
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, p, "test")) {
                ApplicationContext context = server.getApplicationContext();
                ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1",
                        context.getBean(GrpcEmbeddedServer.class).getPort()).usePlaintext().build();
                try {
                    run(server, context, stub(channel), db);
                } finally {
                    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                }
            }
        }
    }

    private void run(EmbeddedServer server, ApplicationContext context, ApplicationServiceBlockingStub stub,
                     TestDatabase db) throws Exception {
        Application application = stub.submitApplication(SubmitApplicationRequest.newBuilder().setRequestId("slow-1")
                .setType(FilingType.NEW_FILING).setProvince("TJ").setSubjectName("示例")
                .setSubjectPrincipal(Person.newBuilder().setName("张三").setPhone(PHONE).setIdNumber(People.residentId(1)))
                .addWebsites(Website.newBuilder().setDomain("slow.cn").setPrincipal(Person.newBuilder().setName("李四")
                        .setPhone("13800002222").setIdNumber(People.residentId(2)))).build());
        // a first miss writes the phone's throttle row, which every later check of the phone locks
        assertThat(verify(server, context).statusCode()).isBetween(400, 499);

        List<Long> restMillis = new ArrayList<>();
        List<Long> grpcMillis = new ArrayList<>();
        try (Connection holder = db.connect(); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.executeQuery("SELECT * FROM phone_throttle FOR UPDATE").close();
            s.executeQuery("SELECT id FROM application FOR UPDATE").close();
            for (int i = 0; i < POOL + 2; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> verify = verify(server, context);
                restMillis.add((System.nanoTime() - t0) / 1_000_000);
                assertThat(verify.statusCode()).as(verify.body()).isEqualTo(503);
                assertThat(verify.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
                assertThat(verify.body()).contains("\"code\":\"UNAVAILABLE\"").doesNotContain("Exception", "Lock wait");
            }
            for (int i = 0; i < 2; i++) {
                long t0 = System.nanoTime();
                try {
                    stub.withDeadlineAfter(15, TimeUnit.SECONDS).withdrawApplication(WithdrawApplicationRequest
                            .newBuilder().setApplicationId(application.getApplicationId()).build());
                    throw new AssertionError("a withdrawal went through a row locked elsewhere");
                } catch (StatusRuntimeException e) {
                    grpcMillis.add((System.nanoTime() - t0) / 1_000_000);
                    assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(Status.Code.UNAVAILABLE);
                }
            }
            holder.rollback();
        }
        long t0 = System.nanoTime();
        int after = verify(server, context).statusCode();
        long afterMillis = (System.nanoTime() - t0) / 1_000_000;
        Application withdrawn = stub.withDeadlineAfter(15, TimeUnit.SECONDS).withdrawApplication(
                WithdrawApplicationRequest.newBuilder().setApplicationId(application.getApplicationId()).build());
        System.out.println("BENCHMARK slow database (rows locked by another session, lock timeout 1 s, pool of " + POOL
                + "): " + restMillis.size() + " REST verifications answered 503 after " + restMillis + " ms, "
                + grpcMillis.size() + " gRPC withdrawals UNAVAILABLE after " + grpcMillis + " ms; lock released: "
                + "a verification answered " + after + " after " + afterMillis + " ms, the withdrawal went through ("
                + withdrawn.getStatus() + ")");
        assertThat(restMillis).allSatisfy(ms -> assertThat(ms).isBetween(900L, BOUND_MILLIS));
        assertThat(grpcMillis).allSatisfy(ms -> assertThat(ms).isBetween(900L, BOUND_MILLIS));
        assertThat(after).as("a verification once the lock is released").isBetween(400, 499);
        assertThat(afterMillis).isLessThan(BOUND_MILLIS);
        assertThat(withdrawn.getStatus()).isEqualTo(Application.Status.RETURNED);
    }

    /** A verification of PHONE with a right captcha and a wrong code: it reaches the phone's rows. */
    private static HttpResponse<String> verify(EmbeddedServer server, ApplicationContext context) throws Exception {
        IssuedCaptcha captcha = context.getBean(IssueCaptchaUseCase.class).issue();
        String body = "{\"phone\":\"" + PHONE + "\",\"idTail\":\"" + People.tail(People.residentId(1))
                + "\",\"code\":\"000000\",\"captchaId\":\"" + captcha.captchaId() + "\",\"captchaAnswer\":\""
                + captcha.answer() + "\"}";
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.getPort() + "/api/v1/verifications"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ApplicationServiceBlockingStub stub(ManagedChannel channel) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + KEY);
        return ApplicationServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static String sha256(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
