package beian.verify.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.grpc.v1.ApplicationServiceGrpc;
import beian.verify.adapters.grpc.v1.ApplicationServiceGrpc.ApplicationServiceBlockingStub;
import beian.verify.adapters.grpc.v1.FilingType;
import beian.verify.adapters.grpc.v1.Person;
import beian.verify.adapters.grpc.v1.SubmitApplicationRequest;
import beian.verify.adapters.grpc.v1.Website;
import beian.verify.core.testing.People;
import beian.verify.core.testing.RecordingSmsSender;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The database dies under the service (SIGKILL of a MariaDB of the test's own) and comes back:
 * REST answers 503 and gRPC UNAVAILABLE within the connection timeout (2 s by default, never a hang
 * or an INTERNAL), health says 503 at once (within a second of asking, from the last background check), and when the database returns the service serves again and
 * sends SMS without a restart. Prints what it counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageTest {
    private static final String PROVIDER_KEY = "outage-provider-key";
    /** The connection timeout (2 s) plus room for a loaded two-core machine. */
    private static final Duration FAST = Duration.ofMillis(4_500);
    /** Health reads a verdict kept in memory: half a second, doubled for a loaded two-core machine. */
    private static final Duration AT_ONCE = Duration.ofMillis(1_000);
    private static final AtomicInteger SERIAL = new AtomicInteger();

    PrivateMariaDb database;
    EmbeddedServer server;
    ApplicationContext context;
    ManagedChannel channel;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        database = PrivateMariaDb.start();
        Map<String, Object> p = new HashMap<>();
        p.put("beian.db.url", database.url());
        p.put("beian.db.user", "root");
        p.put("beian.db.password", "");
        p.put("beian.jobs.enabled", "true");
        p.put("beian.test.recording-carrier", "true");
        p.put("beian.rest.rate-limits.enabled", "false");
        p.put("beian.grpc.keys[0].sha256", sha256(PROVIDER_KEY));
        p.put("beian.grpc.keys[0].provider", "outage-provider");
        server = ApplicationContext.run(EmbeddedServer.class, p, "test");
        context = server.getApplicationContext();
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", context.getBean(GrpcEmbeddedServer.class).getPort())
                .usePlaintext().build();
    }

    @AfterAll
    void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (context != null) {
            context.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void whenTheDatabaseDiesRequestsFailFastAndWhenItReturnsTheServiceRecoversWithoutARestart() throws Exception {
        RecordingSmsSender carrier = context.getBean(RecordingSmsSender.class);
        submit();
        awaitSms(carrier, 2, Duration.ofSeconds(20));
        assertThat(status("GET", "/health")).isEqualTo(200);

        database.kill();
        long killed = System.nanoTime();
        List<Long> probeMillis = new ArrayList<>();
        int health = 200;
        while (health != 503 && System.nanoTime() - killed < Duration.ofSeconds(15).toNanos()) {
            long t0 = System.nanoTime();
            health = status("GET", "/health");
            probeMillis.add((System.nanoTime() - t0) / 1_000_000);
        }
        long noticedAfter = (System.nanoTime() - killed) / 1_000_000;
        assertThat(health).as("health once the database is gone").isEqualTo(503);
        List<Long> restMillis = new ArrayList<>();
        List<Long> grpcMillis = new ArrayList<>();
        List<Long> healthMillis = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String verification = verificationBody(); // issuing a captcha needs no database; checking one does
            long t0 = System.nanoTime();
            HttpResponse<String> verify = send("POST", "/api/v1/verifications", verification);
            restMillis.add((System.nanoTime() - t0) / 1_000_000);
            assertThat(verify.statusCode()).as(verify.body()).isEqualTo(503);
            assertThat(verify.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(verify.body()).contains("\"code\":\"UNAVAILABLE\"").doesNotContain("Exception", "at ");

            t0 = System.nanoTime();
            try {
                submit();
                throw new AssertionError("a submission succeeded with the database down");
            } catch (StatusRuntimeException e) {
                grpcMillis.add((System.nanoTime() - t0) / 1_000_000);
                assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(Status.Code.UNAVAILABLE);
            }

            t0 = System.nanoTime();
            assertThat(status("GET", "/health")).isEqualTo(503);
            healthMillis.add((System.nanoTime() - t0) / 1_000_000);
        }
        System.out.println("BENCHMARK database down: REST 503 after " + restMillis + " ms, gRPC UNAVAILABLE after "
                + grpcMillis + " ms, health 503 after " + healthMillis + " ms; right after the kill " + probeMillis.size()
                + " health requests answered within " + java.util.Collections.max(probeMillis) + " ms, the first 503 " + noticedAfter + " ms after the kill");
        assertThat(restMillis).allSatisfy(ms -> assertThat(ms).isLessThan(FAST.toMillis()));
        assertThat(grpcMillis).allSatisfy(ms -> assertThat(ms).isLessThan(FAST.toMillis()));
        // health reads the last background check (DatabaseReadiness): it never waits for the pool's timeout
        assertThat(healthMillis).allSatisfy(ms -> assertThat(ms).isLessThan(AT_ONCE.toMillis()));
        assertThat(probeMillis).allSatisfy(ms -> assertThat(ms).isLessThan(AT_ONCE.toMillis()));
        // the check runs every second and gives up on the pool after its 2 s connection timeout
        assertThat(noticedAfter).as("ms from the kill to the first 503 of /health").isLessThan(FAST.toMillis());

        long back = System.nanoTime();
        database.startServer();
        awaitAnsweredWithoutTheDatabaseDown(Duration.ofSeconds(30));
        long recovered = (System.nanoTime() - back) / 1_000_000;
        submit();
        awaitSms(carrier, 4, Duration.ofSeconds(30));
        awaitHealth(200, Duration.ofSeconds(3)); // the next background check (every second) sees it back
        System.out.println("BENCHMARK database back: serving again " + recovered + " ms after it was restarted; "
                + carrier.calls().size() + " SMS sent in all, no restart");
    }

    private void submit() {
        int n = SERIAL.incrementAndGet();
        ApplicationServiceBlockingStub stub = withKey(ApplicationServiceGrpc.newBlockingStub(channel))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
        stub.submitApplication(SubmitApplicationRequest.newBuilder().setRequestId("outage-" + n)
                .setType(FilingType.NEW_FILING).setProvince("TJ").setSubjectName("示例")
                .setSubjectPrincipal(person(2 * n)).addWebsites(Website.newBuilder().setDomain("outage" + n + ".cn")
                        .setPrincipal(person(2 * n + 1))).build());
    }

    private static Person person(int n) {
        return Person.newBuilder().setName("张三").setPhone(String.format("135%08d", n))
                .setIdNumber(People.residentId(n)).build();
    }

    private static ApplicationServiceBlockingStub withKey(ApplicationServiceBlockingStub stub) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + PROVIDER_KEY);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                .timeout(Duration.ofSeconds(15)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A verification of a phone with nothing pending, with a fresh captcha answered wrong: the checks need the database. */
    private String verificationBody() throws Exception {
        String captcha = send("POST", "/api/v1/captchas").body();
        String id = captcha.replaceAll("(?s).*\"captchaId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        return "{\"phone\":\"13900009999\",\"idTail\":\"00000X\",\"code\":\"123456\",\"captchaId\":\""
                + id + "\",\"captchaAnswer\":\"AAAAA\"}";
    }

    private int status(String method, String path) throws Exception {
        return send(method, path).statusCode();
    }

    private void awaitAnsweredWithoutTheDatabaseDown(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = send("POST", "/api/v1/verifications", verificationBody()).statusCode();
            if (last != 503) {
                assertThat(last).as("a verification once the database is back").isBetween(400, 499);
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("verifications still answered " + last + " " + within + " after the restart");
    }

    private void awaitHealth(int expected, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int last;
        do {
            last = status("GET", "/health");
            if (last == expected) {
                return;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        assertThat(last).as("/health " + within + " after the database answered again").isEqualTo(expected);
    }

    private static void awaitSms(RecordingSmsSender carrier, int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (carrier.calls().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(carrier.calls()).as("SMS sent").hasSizeGreaterThanOrEqualTo(count);
    }

    private static String sha256(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
