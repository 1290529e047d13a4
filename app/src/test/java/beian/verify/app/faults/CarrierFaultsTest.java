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
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The carrier misbehaves behind the real Tencent adapter: a local HTTP server of the test's own answers
 * too late, not at all (the call hangs), 503 without a body, or garbage, in turn. Under a load of
 * submissions: each submission is acknowledged without waiting on the carrier; each SMS is tried
 * {@code sms-max-attempts} times (3 here) with a growing pause between attempts, and then stops, as an
 * SMS_FAILED event and the {@code beian.sms} counters; when the carrier answers again, new SMS go out.
 * Prints what it counted.
 */
class CarrierFaultsTest {
    private static final String KEY = "carrier-faults-key";
    private static final int MAX_ATTEMPTS = 3;
    private static final Duration CARRIER_TIMEOUT = Duration.ofMillis(800);
    private static final Duration RETRY_BASE = Duration.ofMillis(400);
    private static final int SUBMISSIONS = 4;
    private static final Pattern SESSION = Pattern.compile("\"SessionContext\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern PHONE = Pattern.compile("\"PhoneNumberSet\"\\s*:\\s*\\[\\s*\"([^\"]+)\"");

    enum Fault { HANG, ERROR_503, GARBAGE, TOO_LATE }

    /** Arrivals per idempotency key, in nanoseconds; and how the carrier behaves. */
    final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger answered = new AtomicInteger();
    final CountDownLatch hangUntil = new CountDownLatch(1);
    volatile boolean healthy = true;

    @Test
    void aFailingCarrierIsRetriedABoundedNumberOfTimesWithBackoffWhileSubmissionsStayFast() throws Exception {
        HttpServer carrier = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        ExecutorService carrierThreads = Executors.newCachedThreadPool();
        carrier.setExecutor(carrierThreads);
        carrier.createContext("/", this::answer);
        carrier.start();
        Map<String, Object> p = new HashMap<>();
        p.put("beian.jobs.enabled", "true");
        p.put("beian.jobs.dispatch-interval", "200ms");
        p.put("beian.verification.sms-max-attempts", String.valueOf(MAX_ATTEMPTS));
        p.put("beian.verification.sms-retry-base", RETRY_BASE.toMillis() + "ms");
        p.put("beian.verification.sms-retry-max", "5s");
        p.put("beian.sms.carrier", "tencent");
        p.put("beian.sms.tencent.endpoint", "http://127.0.0.1:" + carrier.getAddress().getPort() + "/");
        p.put("beian.sms.tencent.timeout", CARRIER_TIMEOUT.toMillis() + "ms");
        p.put("beian.sms.tencent.secret-id", "AKIDfaults");
        p.put("beian.sms.tencent.secret-key", "faults-secret");
        p.put("beian.sms.tencent.sdk-app-id", "1400000000");
        p.put("beian.sms.tencent.sign-name", "ICP备案");
        p.put("beian.sms.tencent.template-id", "100001");
        p.put("beian.sms.ceilings.per-phone-per-minute", "0");
        p.put("beian.grpc.keys[0].sha256", sha256(KEY));
        p.put("beian.grpc.keys[0].provider", "faults-provider");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, p, "test")) {
            ApplicationContext context = server.getApplicationContext();
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1",
                    context.getBean(GrpcEmbeddedServer.class).getPort()).usePlaintext().build();
            try {
                run(context, stub(channel));
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } finally {
            hangUntil.countDown();
            carrier.stop(0);
            carrierThreads.shutdownNow();
        }
    }

    private void run(ApplicationContext context, ApplicationServiceBlockingStub stub) throws Exception {
        // the pool itself: the bean Micronaut Data injects hands out connections only inside its transactions
        DataSource data = context.getBean(DataSourceResolver.class).resolve(context.getBean(DataSource.class));
        submit(stub, 0); // warm up, with the carrier answering: 2 SMS sent
        awaitCount(data, "SELECT COUNT(*) FROM sms_outbox WHERE status = 'SENT'", 2, Duration.ofSeconds(20));

        healthy = false;
        int before = requests.get();
        List<Long> submitMillis = Collections.synchronizedList(new ArrayList<>());
        ExecutorService providers = Executors.newFixedThreadPool(2);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 1; i <= SUBMISSIONS; i++) {
            int n = i;
            done.add(providers.submit(() -> {
                long t0 = System.nanoTime();
                submit(stub, n);
                submitMillis.add((System.nanoTime() - t0) / 1_000_000);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        providers.shutdown();
        long failing = SUBMISSIONS * 2L;
        long failedAfter = awaitCount(data, "SELECT COUNT(*) FROM sms_outbox WHERE status = 'FAILED'", failing,
                Duration.ofSeconds(90));
        int faultyRequests = requests.get() - before;

        healthy = true;
        submit(stub, SUBMISSIONS + 1);
        awaitCount(data, "SELECT COUNT(*) FROM sms_outbox WHERE status = 'SENT'", 4, Duration.ofSeconds(30));

        MeterRegistry meters = context.getBean(MeterRegistry.class);
        double retried = meters.find("beian.sms").tag("outcome", "retried").counters().stream().mapToDouble(c -> c.count()).sum();
        double failedCount = meters.find("beian.sms").tag("outcome", "failed").counters().stream().mapToDouble(c -> c.count()).sum();
        long failedEvents = count(data, "SELECT COUNT(*) FROM provider_event WHERE event_type = 'SMS_FAILED'"
                + " AND reason LIKE 'retries exhausted%'");
        List<Long> firstGaps = new ArrayList<>();
        List<Long> secondGaps = new ArrayList<>();
        Map<Integer, Integer> attemptsPerKey = new HashMap<>();
        try (Connection c = data.getConnection(); Statement s = c.createStatement();
             ResultSet failed = s.executeQuery("SELECT id FROM sms_outbox WHERE status = 'FAILED'")) {
            while (failed.next()) {
                List<Long> times = arrivals.getOrDefault(failed.getString(1), List.of());
                attemptsPerKey.merge(times.size(), 1, Integer::sum);
                if (times.size() == MAX_ATTEMPTS) {
                    firstGaps.add((times.get(1) - times.get(0)) / 1_000_000);
                    secondGaps.add((times.get(2) - times.get(1)) / 1_000_000);
                }
            }
        }
        System.out.println("BENCHMARK carrier faults (hang, 503, garbage, too late; timeout " + CARRIER_TIMEOUT.toMillis()
                + " ms, " + MAX_ATTEMPTS + " attempts): " + SUBMISSIONS + " submissions acknowledged in " + submitMillis
                + " ms while the carrier failed; " + faultyRequests + " carrier requests for " + failing + " SMS (attempts per"
                + " key: " + attemptsPerKey + "), all FAILED " + failedAfter + " ms after the faults began, " + failedEvents
                + " SMS_FAILED events; pauses between attempts " + firstGaps + " ms then " + secondGaps + " ms; counters"
                + " beian.sms retried=" + retried + " failed=" + failedCount + "; carrier answering again: sent");

        assertThat(submitMillis).hasSize(SUBMISSIONS)
                .allSatisfy(ms -> assertThat(ms).as("a submission waits on no carrier").isLessThan(CARRIER_TIMEOUT.toMillis()));
        assertThat(attemptsPerKey).as("carrier requests per failed SMS").isEqualTo(Map.of(MAX_ATTEMPTS, (int) failing));
        assertThat(faultyRequests).isEqualTo(MAX_ATTEMPTS * failing);
        // the pause after attempt k is base x 2^(k-1) x [0.5, 1) after the attempt ended
        assertThat(firstGaps).allSatisfy(ms -> assertThat(ms).isGreaterThanOrEqualTo(RETRY_BASE.toMillis() / 2));
        assertThat(secondGaps).allSatisfy(ms -> assertThat(ms).isGreaterThanOrEqualTo(RETRY_BASE.toMillis()));
        assertThat(failedEvents).as("SMS_FAILED events, retries exhausted").isEqualTo(failing);
        assertThat(retried).as("beian.sms{outcome=retried}").isEqualTo((double) (MAX_ATTEMPTS - 1) * failing);
        assertThat(failedCount).as("beian.sms{outcome=failed}").isEqualTo((double) failing);
    }

    /** The fake carrier: Tencent's success when healthy, else the next fault in turn. */
    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int n = requests.incrementAndGet();
        Matcher session = SESSION.matcher(body);
        String key = session.find() ? session.group(1) : "none";
        arrivals.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>())).add(System.nanoTime());
        try {
            if (healthy) {
                Matcher phone = PHONE.matcher(body);
                reply(exchange, 200, "{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"sn-" + n + "\",\"PhoneNumber\":\""
                        + (phone.find() ? phone.group(1) : "") + "\",\"Code\":\"Ok\",\"Message\":\"send success\","
                        + "\"SessionContext\":\"" + key + "\"}],\"RequestId\":\"r-" + n + "\"}}");
                return;
            }
            switch (Fault.values()[n % Fault.values().length]) {
                case HANG -> hangUntil.await(); // until the test ends: the adapter's timeout gives up first
                case ERROR_503 -> reply(exchange, 503, "");
                case GARBAGE -> reply(exchange, 200, "<html>\u0000\u00ff not json {\"Response\":");
                case TOO_LATE -> {
                    Thread.sleep(CARRIER_TIMEOUT.toMillis() * 2);
                    reply(exchange, 200, "{\"Response\":{\"SendStatusSet\":[],\"RequestId\":\"late\"}}");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the adapter gave up and closed the connection
        } finally {
            exchange.close();
        }
    }

    private void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        answered.incrementAndGet();
    }

    private static void submit(ApplicationServiceBlockingStub stub, int n) {
        stub.withDeadlineAfter(30, TimeUnit.SECONDS).submitApplication(SubmitApplicationRequest.newBuilder()
                .setRequestId("carrier-" + n).setType(FilingType.NEW_FILING).setProvince("TJ").setSubjectName("示例")
                .setSubjectPrincipal(person(2 * n)).addWebsites(Website.newBuilder().setDomain("carrier" + n + ".cn")
                        .setPrincipal(person(2 * n + 1))).build());
    }

    private static Person person(int n) {
        return Person.newBuilder().setName("张三").setPhone(String.format("137%08d", n))
                .setIdNumber(People.residentId(n)).build();
    }

    /** Waits until the count reaches {@code expected}; the milliseconds it took. */
    private static long awaitCount(DataSource data, String sql, long expected, Duration within) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + within.toNanos();
        long last;
        while ((last = count(data, sql)) < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(last).as(sql).isEqualTo(expected);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static long count(DataSource data, String sql) throws Exception {
        try (Connection c = data.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
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
