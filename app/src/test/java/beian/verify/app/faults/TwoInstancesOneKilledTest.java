package beian.verify.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.grpc.v1.ApplicationServiceGrpc;
import beian.verify.adapters.grpc.v1.ApplicationServiceGrpc.ApplicationServiceBlockingStub;
import beian.verify.adapters.grpc.v1.FilingType;
import beian.verify.adapters.grpc.v1.Person;
import beian.verify.adapters.grpc.v1.SubmitApplicationRequest;
import beian.verify.adapters.grpc.v1.Website;
import beian.verify.core.testing.People;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the service (processes of their own, the real main class, the dev environment for its
 * clock) on one MariaDB of the test's own, both running the noon resend, the return at the deadline and
 * the SMS dispatch, in small batches, through the real Tencent adapter to a carrier of the test's that takes
 * 150 ms a message and records each idempotency key. Both clocks jump so that one batch of applications
 * passes its deadline and another its noon at the same moment; one instance is killed with SIGKILL while
 * the resends go out. The survivor finishes the work once the dead one's lease (8 s here) runs out; each
 * SMS is sent once (a message the dead instance had handed to the carrier but not recorded may go twice,
 * with its key), and no application is returned twice. Prints what it counted.
 */
class TwoInstancesOneKilledTest {
    private static final String KEY = "demo-provider-key"; // the dev environment's demo key
    private static final int RETURNED_BATCH = 8;
    private static final int RESENT_BATCH = 12;
    private static final Duration LEASE = Duration.ofSeconds(8);
    private static final Duration CARRIER_DELAY = Duration.ofMillis(150);
    private static final Pattern SESSION = Pattern.compile("\"SessionContext\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern PHONE = Pattern.compile("\"PhoneNumberSet\"\\s*:\\s*\\[\\s*\"([^\"]+)\"");

    /** Carrier requests per idempotency key (the outbox id). */
    final Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theSurvivorFinishesTheDueWorkAfterTheLeaseWithoutSendingOrReturningTwice() throws Exception {
        HttpServer carrier = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        ExecutorService carrierThreads = Executors.newFixedThreadPool(4);
        carrier.setExecutor(carrierThreads);
        carrier.createContext("/", this::answer);
        carrier.start();
        try (PrivateMariaDb database = PrivateMariaDb.start()) {
            Map<String, String> p = new HashMap<>();
            p.put("micronaut.environments", "dev");
            p.put("beian.db.url", database.url());
            p.put("beian.db.user", "root");
            p.put("beian.db.password", "");
            p.put("beian.jobs.enabled", "true");
            p.put("beian.jobs.batch-size", "4");
            p.put("beian.jobs.return-batch-size", "4"); // several batches, so that the instances interleave
            p.put("beian.jobs.dispatch-interval", "300ms");
            p.put("beian.jobs.auto-resend-interval", "500ms");
            p.put("beian.jobs.return-interval", "500ms");
            p.put("beian.verification.sms-lease", LEASE.toSeconds() + "s");
            p.put("beian.sms.carrier", "tencent");
            p.put("beian.sms.tencent.endpoint", "http://127.0.0.1:" + carrier.getAddress().getPort() + "/");
            p.put("beian.sms.tencent.secret-id", "AKIDtwo");
            p.put("beian.sms.tencent.secret-key", "two-instances-secret");
            p.put("beian.sms.tencent.sdk-app-id", "1400000000");
            p.put("beian.sms.tencent.sign-name", "ICP备案");
            p.put("beian.sms.tencent.template-id", "100001");
            p.put("beian.sms.tencent.callback-token", "two-instances-callback-token");
            p.put("beian.sms.ceilings.per-phone-per-minute", "0");
            p.put("logger.levels.beian.verify", "INFO");
            try (ServiceProcess a = new ServiceProcess(p); ServiceProcess b = new ServiceProcess(p)) {
                a.start(); // first alone: it migrates the empty database
                b.start();
                run(database, a, b);
            }
        } finally {
            carrier.stop(0);
            carrierThreads.shutdownNow();
        }
    }

    private void run(PrivateMariaDb database, ServiceProcess a, ServiceProcess b) throws Exception {
        ManagedChannel toA = ManagedChannelBuilder.forAddress("127.0.0.1", a.grpcPort).usePlaintext().build();
        ManagedChannel toB = ManagedChannelBuilder.forAddress("127.0.0.1", b.grpcPort).usePlaintext().build();
        try {
            // the batch that will pass its deadline, submitted on both; its noon resend goes out on the way
            java.time.Instant returnedSubmittedBy = clockNow(a).plusSeconds(60);
            submit(List.of(stub(toA), stub(toB)), "r", RETURNED_BATCH);
            awaitOutboxDrained(database, Duration.ofSeconds(60));
            advance(List.of(a, b), Duration.ofHours(47));
            awaitCount(database, "SELECT COUNT(*) FROM sms_outbox WHERE sms_trigger <> 'INITIAL'", 2L * RETURNED_BATCH,
                    Duration.ofSeconds(30));
            awaitOutboxDrained(database, Duration.ofSeconds(60));
            // the batch whose noon comes with the first batch's deadline
            java.time.Instant resentSubmittedAt = clockNow(a);
            submit(List.of(stub(toA), stub(toB)), "s", RESENT_BATCH);
            awaitOutboxDrained(database, Duration.ofSeconds(60));
            int before = requests.get();

            // past the first batch's deadline (48 h) and the second's noon (12:00 Shanghai the next day), in one jump
            java.time.ZoneId shanghai = java.time.ZoneId.of("Asia/Shanghai");
            java.time.Instant noon = resentSubmittedAt.atZone(shanghai).toLocalDate().plusDays(1).atTime(12, 0)
                    .atZone(shanghai).toInstant();
            java.time.Instant target = java.util.Collections.max(List.of(returnedSubmittedBy.plus(Duration.ofHours(48)),
                    noon)).plusSeconds(60);
            advance(List.of(a, b), Duration.between(clockNow(a), target));
            long t0 = System.nanoTime();
            while (requests.get() - before < RESENT_BATCH / 2 && System.nanoTime() - t0 < Duration.ofSeconds(30).toNanos()) {
                Thread.sleep(10);
            }
            b.kill();
            long killed = System.nanoTime();
            int carrierAtKill = requests.get() - before;
            long claimedAtKill = count(database, "SELECT COUNT(*) FROM sms_outbox WHERE status = 'QUEUED' AND lease_until"
                    + " IS NOT NULL");
            long queuedLeft = awaitOutboxDrained(database, LEASE.plus(Duration.ofSeconds(40)));
            long drainedAfter = (System.nanoTime() - killed) / 1_000_000;
            awaitCount(database, "SELECT COUNT(*) FROM provider_event WHERE event_type = 'RETURNED'", RETURNED_BATCH,
                    Duration.ofSeconds(30));

            try (Connection c = DriverManager.getConnection(database.url(), "root", "");
                 Statement s = c.createStatement()) {
                long sent = count(s, "SELECT COUNT(*) FROM sms_outbox WHERE status = 'SENT'");
                long resends = count(s, "SELECT COUNT(*) FROM sms_outbox WHERE status = 'SENT' AND sms_trigger <> 'INITIAL'");
                long cancelled = count(s, "SELECT COUNT(*) FROM sms_outbox WHERE status NOT IN ('SENT', 'QUEUED')");
                long sentEvents = count(s, "SELECT COUNT(*) FROM provider_event WHERE event_type = 'SMS_SENT'");
                long targetsCounted = count(s, "SELECT COALESCE(SUM(sms_sent_count), 0) FROM verification_target");
                long returned = count(s, "SELECT COUNT(*) FROM provider_event WHERE event_type = 'RETURNED'");
                long returnedTwice = count(s, "SELECT COUNT(*) FROM (SELECT application_id FROM provider_event"
                        + " WHERE event_type = 'RETURNED' GROUP BY application_id HAVING COUNT(*) > 1) twice");
                long sentKeys = sends.size();
                List<String> sentTwice = sends.entrySet().stream().filter(e -> e.getValue().get() > 1)
                        .map(Map.Entry::getKey).toList();
                System.out.println("BENCHMARK two instances, one killed: " + (RETURNED_BATCH + RESENT_BATCH)
                        + " applications submitted on both; at the deadline and noon jump the carrier had "
                        + carrierAtKill + " requests when one instance was killed, " + claimedAtKill + " SMS claimed then;"
                        + " all out " + drainedAfter + " ms after the kill (lease " + LEASE.toSeconds() + " s), "
                        + queuedLeft + " still queued; " + sent + " SMS sent (" + resends + " resends), " + cancelled
                        + " cancelled, " + requests.get() + " carrier requests for " + sentKeys + " keys, " + sentTwice.size()
                        + " keys sent twice; " + returned + " applications returned, " + returnedTwice + " twice");

                assertThat(queuedLeft).as("SMS still queued after the lease").isZero();
                assertThat(resends).as("noon resends sent: both batches, every target").isEqualTo(2L * (RETURNED_BATCH + RESENT_BATCH));
                assertThat(sentEvents).as("one SMS_SENT per message sent").isEqualTo(sent);
                assertThat(targetsCounted).as("sends counted on the targets once each").isEqualTo(sent);
                assertThat(sentKeys).as("keys the carrier saw: the messages sent").isEqualTo(sent);
                // only a message the killed instance had handed over and not yet recorded may go twice (it sends one at a time)
                assertThat(sentTwice).as("keys sent twice").hasSizeLessThanOrEqualTo(1);
                assertThat(returned).as("applications returned at the deadline").isEqualTo(RETURNED_BATCH);
                assertThat(returnedTwice).as("applications returned twice").isZero();
            }
        } finally {
            toA.shutdownNow();
            toB.shutdownNow();
        }
    }

    /** The fake Tencent: 150 ms, then accepted; each key counted. */
    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int n = requests.incrementAndGet();
            Matcher session = SESSION.matcher(body);
            String key = session.find() ? session.group(1) : "none";
            sends.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            Matcher phone = PHONE.matcher(body);
            Thread.sleep(CARRIER_DELAY.toMillis());
            byte[] answer = ("{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"sn-" + n + "\",\"PhoneNumber\":\""
                    + (phone.find() ? phone.group(1) : "") + "\",\"Code\":\"Ok\",\"Message\":\"send success\","
                    + "\"SessionContext\":\"" + key + "\"}],\"RequestId\":\"r-" + n + "\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code count} submissions, alternating between the instances, two at a time. */
    private static void submit(List<ApplicationServiceBlockingStub> stubs, String prefix, int count) throws Exception {
        ExecutorService providers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                int serial = (prefix.equals("r") ? 0 : 1000) + n;
                done.add(providers.submit(() -> stubs.get(n % stubs.size()).withDeadlineAfter(30, TimeUnit.SECONDS)
                        .submitApplication(SubmitApplicationRequest.newBuilder().setRequestId("two-" + prefix + n)
                                .setType(FilingType.NEW_FILING).setProvince("TJ").setSubjectName("示例")
                                .setSubjectPrincipal(person(2 * serial)).addWebsites(Website.newBuilder()
                                        .setDomain("two" + prefix + n + ".cn").setPrincipal(person(2 * serial + 1))).build())));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            providers.shutdown();
        }
    }

    private static Person person(int n) {
        return Person.newBuilder().setName("张三").setPhone(String.format("138%08d", n))
                .setIdNumber(People.residentId(n)).build();
    }

    /** Moves every instance's dev clock forward by the same amount (POST /dev/clock). */
    private void advance(List<ServiceProcess> instances, Duration by) throws Exception {
        for (ServiceProcess instance : instances) {
            HttpResponse<String> moved = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + instance.httpPort + "/dev/clock"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"advanceSeconds\":" + by.toSeconds() + "}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        }
    }

    private java.time.Instant clockNow(ServiceProcess instance) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.httpPort + "/dev/clock"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        return java.time.Instant.parse(body.replaceAll("(?s).*\"now\"\\s*:\\s*\"([^\"]+)\".*", "$1"));
    }

    private static ApplicationServiceBlockingStub stub(ManagedChannel channel) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + KEY);
        return ApplicationServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static long awaitOutboxDrained(PrivateMariaDb database, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        long queued;
        do {
            Thread.sleep(200);
            queued = count(database, "SELECT COUNT(*) FROM sms_outbox WHERE status = 'QUEUED'");
        } while (queued > 0 && System.nanoTime() < deadline);
        return queued;
    }

    private static void awaitCount(PrivateMariaDb database, String sql, long expected, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        long last;
        while ((last = count(database, sql)) < expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(last).as(sql).isEqualTo(expected);
    }

    private static long count(PrivateMariaDb database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(database.url(), "root", ""); Statement s = c.createStatement()) {
            return count(s, sql);
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
