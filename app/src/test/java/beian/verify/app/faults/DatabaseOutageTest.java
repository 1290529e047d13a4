package beian.verify.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.grpc.v1.Application;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
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

    DatabaseFailureLogs failureLogs;

    @BeforeAll
    void start() throws Exception {
        failureLogs = new DatabaseFailureLogs();
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
        failureLogs.close();
        // the traces the kills provoked are the database's going away, and nothing else
        assertThat(failureLogs.events()).as("what the pool, the transactions and the sequencer logged")
                .isNotEmpty().allSatisfy(e -> assertThat(DatabaseFailureLogs.aboutTheDatabase(e))
                        .as(e.getFormattedMessage()).isTrue());
    }

    @Test
    void whenTheDatabaseDiesRequestsFailFastAndWhenItReturnsTheServiceRecoversWithoutARestart() throws Exception {
        RecordingSmsSender carrier = context.getBean(RecordingSmsSender.class);
        int before = carrier.calls().size(); // the other test of this class may have sent some already
        submit();
        awaitSms(carrier, before + 2, Duration.ofSeconds(20));
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
        awaitSms(carrier, before + 4, Duration.ofSeconds(30));
        awaitHealth(200, Duration.ofSeconds(3)); // the next background check (every second) sees it back
        System.out.println("BENCHMARK database back: serving again " + recovered + " ms after it was restarted; "
                + carrier.calls().size() + " SMS sent in all, no restart");
    }

    /**
     * The same fault under a sustained load: REST verifications and gRPC submissions from several
     * threads, the dispatcher sending, when the database is killed for about 8 s and started again
     * on the same data. Every request ends within the bound, as 503 / UNAVAILABLE while it is down
     * (never a 500, an INTERNAL or a hang); each acknowledged submission is found whole afterwards
     * and its SMS go out.
     */
    @Test
    void underASustainedLoadTheDatabaseDiesAndReturnsAndNothingIsHalfWrittenOrLost() throws Exception {
        RecordingSmsSender carrier = context.getBean(RecordingSmsSender.class);
        ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        Map<String, String> acknowledged = new ConcurrentHashMap<>(); // request id -> application id
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger phones = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            clients.add(started("load-rest-" + t, () -> {
                while (running.get()) {
                    calls.add(restVerify(13_700_000_000L + phones.incrementAndGet()));
                    pause(40);
                }
            }));
            clients.add(started("load-grpc-" + t, () -> {
                while (running.get()) {
                    calls.add(grpcSubmit(acknowledged));
                    pause(40);
                }
            }));
        }
        // the load runs with the database up first, past the first (cold, slow) requests of each kind
        long warm = System.nanoTime();
        while (!(servedAgain(calls, "rest", warm) && servedAgain(calls, "grpc", warm))
                && System.nanoTime() - warm < Duration.ofSeconds(60).toNanos()) {
            Thread.sleep(100);
        }
        long loaded = System.nanoTime();
        Thread.sleep(2_000);
        database.kill();
        long killed = System.nanoTime();
        List<Long> healthMillis = new ArrayList<>();
        List<Integer> healthStatuses = new ArrayList<>();
        long first503 = -1;
        while (System.nanoTime() - killed < Duration.ofSeconds(8).toNanos()) {
            long t0 = System.nanoTime();
            int health = status("GET", "/health");
            healthMillis.add((System.nanoTime() - t0) / 1_000_000);
            if (health == 503 && first503 < 0) {
                first503 = (t0 - killed) / 1_000_000;
            }
            if (first503 >= 0) {
                healthStatuses.add(health);
            }
            Thread.sleep(100);
        }
        long back = System.nanoTime();
        database.startServer();
        long answering = System.nanoTime();
        long deadline = answering + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && !(servedAgain(calls, "rest", answering) && servedAgain(calls, "grpc", answering))) {
            Thread.sleep(100);
        }
        long recoveredRest = firstServedAfter(calls, "rest", answering);
        long recoveredGrpc = firstServedAfter(calls, "grpc", answering);
        Thread.sleep(1_000); // and a little more load once it serves again
        running.set(false);
        for (Thread c : clients) {
            c.join(30_000);
        }
        awaitHealth(200, Duration.ofSeconds(3));

        List<Call> during = calls.stream().filter(c -> c.start >= killed && c.start < back).toList();
        List<Call> after = calls.stream().filter(c -> c.start >= answering).toList();
        long maxDuring = during.stream().mapToLong(Call::millis).max().orElse(-1);
        long maxAll = calls.stream().filter(c -> c.start >= loaded).mapToLong(Call::millis).max().orElse(-1);
        Map<String, Long> outcomesDuring = countOutcomes(during);
        Map<String, Long> outcomesAfter = countOutcomes(after);
        Map<String, Long> outcomesAll = countOutcomes(List.copyOf(calls));

        // every queued SMS of an acknowledged submission goes out, and the stored rows are whole
        long found;
        long duplicates;
        long halfWritten;
        long unsent;
        Set<String> keysSent;
        long sentDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (Connection db = DriverManager.getConnection(database.url(), "root", ""); Statement s = db.createStatement()) {
            String ids = acknowledged.values().stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
            String ofAcknowledged = acknowledged.isEmpty() ? " WHERE 1 = 0" : " WHERE application_id IN (" + ids + ")";
            do {
                unsent = count(s, "SELECT COUNT(*) FROM sms_outbox" + ofAcknowledged + " AND status <> 'SENT'");
                if (unsent > 0) {
                    Thread.sleep(200);
                }
            } while (unsent > 0 && System.nanoTime() < sentDeadline);
            found = acknowledged.isEmpty() ? 0 : count(s, "SELECT COUNT(*) FROM application WHERE id IN (" + ids + ")");
            duplicates = count(s, "SELECT COUNT(*) FROM (SELECT provider, request_id FROM application"
                    + " GROUP BY provider, request_id HAVING COUNT(*) > 1) d");
            // every submission of this class names a subject principal and one website of another phone:
            // 2 targets, 1 website and 2 initial SMS, all or nothing
            halfWritten = count(s, "SELECT COUNT(*) FROM application a WHERE"
                    + " (SELECT COUNT(*) FROM verification_target t WHERE t.application_id = a.id) <> 2"
                    + " OR (SELECT COUNT(*) FROM application_website w WHERE w.application_id = a.id) <> 1"
                    + " OR (SELECT COUNT(*) FROM sms_outbox o WHERE o.application_id = a.id AND o.sms_trigger = 'INITIAL') <> 2");
            long orphans = count(s, "SELECT COUNT(*) FROM sms_outbox o WHERE NOT EXISTS (SELECT 1 FROM application a WHERE a.id = o.application_id)")
                    + count(s, "SELECT COUNT(*) FROM verification_target t WHERE NOT EXISTS (SELECT 1 FROM application a WHERE a.id = t.application_id)");
            halfWritten += orphans;
            keysSent = carrier.calls().stream().map(RecordingSmsSender.Sent::idempotencyKey).collect(Collectors.toSet());
            List<String> outbox = new ArrayList<>();
            if (!acknowledged.isEmpty()) {
                try (ResultSet r = s.executeQuery("SELECT id FROM sms_outbox" + ofAcknowledged)) {
                    while (r.next()) {
                        outbox.add(r.getString(1));
                    }
                }
            }
            long notAtTheCarrier = outbox.stream().filter(id -> !keysSent.contains(id)).count();
            long stored = count(s, "SELECT COUNT(*) FROM application WHERE request_id LIKE 'load-%'");
            System.out.println("BENCHMARK database down under load: " + calls.size() + " requests (2 REST + 2 gRPC threads), "
                    + "before/at the kill " + countOutcomes(calls.stream().filter(c -> c.start < killed).toList())
                    + ", during the " + (back - killed) / 1_000_000 + " ms outage " + outcomesDuring + " (max "
                    + maxDuring + " ms), after " + outcomesAfter + "; max latency of any request once warm " + maxAll + " ms; /health "
                    + healthMillis.size() + " probes, max " + Collections.max(healthMillis) + " ms, first 503 " + first503
                    + " ms after the kill; MariaDB took " + (answering - back) / 1_000_000 + " ms to start, then REST served after "
                    + recoveredRest + " ms and gRPC after " + recoveredGrpc + " ms, no restart of the service; "
                    + acknowledged.size() + " submissions acknowledged, " + found + " found, " + (acknowledged.size() - found)
                    + " missing, " + stored + " stored in all, " + duplicates + " duplicates, " + halfWritten
                    + " half-written; " + outbox.size() + " SMS of them queued, " + unsent + " not sent, " + notAtTheCarrier
                    + " never given to the carrier");
            assertThat(notAtTheCarrier).as("queued SMS of acknowledged submissions never given to the carrier").isZero();
        }
        assertThat(outcomesAll.keySet()).as("outcomes of all requests: never a 500, INTERNAL, UNKNOWN or a hang")
                .allMatch(o -> o.matches("rest (2|4)\\d\\d|rest 503|grpc (OK|UNAVAILABLE)"));
        assertThat(outcomesDuring.keySet()).as("outcomes while the database was down")
                .isNotEmpty().allMatch(o -> o.equals("rest 503") || o.equals("grpc UNAVAILABLE"));
        assertThat(maxAll).as("ms of the slowest request once warm (the timeout is 2 s)").isLessThan(FAST.toMillis());
        assertThat(first503).as("ms from the kill to the first 503 of /health").isBetween(0L, FAST.toMillis());
        assertThat(healthStatuses).as("/health once it said 503, while the database was down").containsOnly(503);
        assertThat(healthMillis).allSatisfy(ms -> assertThat(ms).isLessThan(AT_ONCE.toMillis()));
        assertThat(recoveredRest).as("ms to a verification served after the database answered").isBetween(0L, 30_000L);
        assertThat(recoveredGrpc).as("ms to a submission acknowledged after the database answered").isBetween(0L, 30_000L);
        assertThat(outcomesAfter.keySet()).as("outcomes after the database answered again").contains("grpc OK");
        assertThat(acknowledged).isNotEmpty();
        assertThat(found).as("acknowledged submissions stored").isEqualTo(acknowledged.size());
        assertThat(duplicates).isZero();
        assertThat(halfWritten).as("applications without all their rows, rows without their application").isZero();
        assertThat(unsent).as("queued SMS of acknowledged submissions not sent").isZero();
    }

    /** One request of the load: what it was, when it started (nanoTime), how long it took, how it ended. */
    private record Call(String kind, long start, long millis, String outcome) {
        boolean served() {
            return kind.equals("rest") ? !outcome.equals("rest 503") && !outcome.startsWith("rest 5") : outcome.equals("grpc OK");
        }
    }

    private Call restVerify(long phone) {
        long t0 = System.nanoTime();
        String outcome;
        try {
            // a captcha, then a verification with a wrong answer: checking it needs the database
            HttpResponse<String> captcha = send("POST", "/api/v1/captchas");
            if (captcha.statusCode() != 201) {
                return new Call("rest", t0, (System.nanoTime() - t0) / 1_000_000, "rest " + captcha.statusCode()
                        + (captcha.body().contains("\"code\":\"UNAVAILABLE\"") ? "" : " captcha " + clip(captcha.body())));
            }
            String id = captcha.body().replaceAll("(?s).*\"captchaId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            t0 = System.nanoTime();
            HttpResponse<String> verify = send("POST", "/api/v1/verifications", "{\"phone\":\"" + phone
                    + "\",\"idTail\":\"00000X\",\"code\":\"123456\",\"captchaId\":\"" + id + "\",\"captchaAnswer\":\"AAAAA\"}");
            outcome = "rest " + verify.statusCode();
            if (verify.statusCode() >= 500 && !verify.body().contains("\"code\":\"UNAVAILABLE\"")) {
                outcome += " " + clip(verify.body());
            }
        } catch (Exception e) {
            outcome = "rest " + e.getClass().getSimpleName(); // a hang ends as HttpTimeoutException
        }
        return new Call("rest", t0, (System.nanoTime() - t0) / 1_000_000, outcome);
    }

    private Call grpcSubmit(Map<String, String> acknowledged) {
        int n = SERIAL.incrementAndGet();
        String requestId = "load-" + n;
        long t0 = System.nanoTime();
        String outcome;
        try {
            Application application = withKey(ApplicationServiceGrpc.newBlockingStub(channel)).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .submitApplication(SubmitApplicationRequest.newBuilder().setRequestId(requestId)
                            .setType(FilingType.NEW_FILING).setProvince("TJ").setSubjectName("示例")
                            .setSubjectPrincipal(person(2 * n)).addWebsites(Website.newBuilder().setDomain("load" + n + ".cn")
                                    .setPrincipal(person(2 * n + 1))).build());
            acknowledged.put(requestId, application.getApplicationId());
            outcome = "grpc OK";
        } catch (StatusRuntimeException e) {
            outcome = "grpc " + e.getStatus().getCode(); // a hang ends as DEADLINE_EXCEEDED
        }
        return new Call("grpc", t0, (System.nanoTime() - t0) / 1_000_000, outcome);
    }

    private static boolean servedAgain(ConcurrentLinkedQueue<Call> calls, String kind, long after) {
        return firstServedAfter(calls, kind, after) >= 0;
    }

    /** Ms from {@code after} to the end of the first request of the kind started then and served, or -1. */
    private static long firstServedAfter(ConcurrentLinkedQueue<Call> calls, String kind, long after) {
        return calls.stream().filter(c -> c.kind.equals(kind) && c.start >= after && c.served())
                .mapToLong(c -> (c.start - after) / 1_000_000 + c.millis).min().orElse(-1);
    }

    private static Map<String, Long> countOutcomes(List<Call> calls) {
        return calls.stream().collect(Collectors.groupingBy(Call::outcome, TreeMap::new, Collectors.counting()));
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String clip(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }

    private static Thread started(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.start();
        return thread;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
