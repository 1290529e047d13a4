package beian.verify.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.grpc.v1.ApplicationServiceGrpc;
import beian.verify.adapters.grpc.v1.FilingType;
import beian.verify.adapters.grpc.v1.Person;
import beian.verify.adapters.grpc.v1.SubmitApplicationRequest;
import beian.verify.adapters.grpc.v1.Website;
import beian.verify.core.testing.People;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The service is killed with SIGKILL while a provider submits, and started again: every submission
 * it acknowledged exists, every SMS it queued goes out (at least once, after the dead process's
 * lease), and nothing was applied twice. Prints what it counted.
 */
class KilledServiceTest {
    private static final String KEY = "kill-provider-key";
    private static final String PROVIDER = "kill-provider";

    @Test
    void afterAKillNineEveryAcknowledgedSubmissionExistsAndEveryQueuedSmsGoesOutOnce() throws Exception {
        try (PrivateMariaDb database = PrivateMariaDb.start()) {
            Map<String, String> p = new HashMap<>();
            p.put("micronaut.environments", "test");
            p.put("beian.db.url", database.url());
            p.put("beian.db.user", "root");
            p.put("beian.db.password", "");
            p.put("beian.jobs.enabled", "true");
            p.put("beian.grpc.keys[0].sha256", sha256(KEY));
            p.put("beian.grpc.keys[0].provider", PROVIDER);
            try (ServiceProcess service = new ServiceProcess(p)) {
                service.start();
                Set<String> acknowledged = ConcurrentHashMap.newKeySet();
                AtomicInteger attempts = new AtomicInteger();
                AtomicBoolean loading = new AtomicBoolean(true);
                Thread load = new Thread(() -> submitWhileLoading(service.grpcPort, loading, acknowledged, attempts));
                load.start();
                long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (acknowledged.size() < 40 && System.nanoTime() < until) {
                    Thread.sleep(50);
                }
                service.kill();
                loading.set(false);
                load.join();
                int acked = acknowledged.size();
                assertThat(acked).as("submissions acknowledged before the kill").isPositive();

                long restarted = System.nanoTime();
                service.start();
                long queuedLeft = awaitOutboxDrained(database, Duration.ofSeconds(90));
                long drainedAfter = (System.nanoTime() - restarted) / 1_000_000;

                try (Connection c = DriverManager.getConnection(database.url(), "root", "");
                     Statement s = c.createStatement()) {
                    long found = 0;
                    for (String requestId : acknowledged) {
                        found += count(s, "SELECT COUNT(*) FROM application WHERE provider = '" + PROVIDER
                                + "' AND request_id = '" + requestId + "'");
                    }
                    long applications = count(s, "SELECT COUNT(*) FROM application");
                    long submittedEvents = count(s, "SELECT COUNT(*) FROM provider_event WHERE event_type = 'APPLICATION_SUBMITTED'");
                    long sent = count(s, "SELECT COUNT(*) FROM sms_outbox WHERE status = 'SENT'");
                    long sentEvents = count(s, "SELECT COUNT(*) FROM provider_event WHERE event_type = 'SMS_SENT'");
                    long targetsCounted = count(s, "SELECT COALESCE(SUM(sms_sent_count), 0) FROM verification_target");
                    long returnedTwice = count(s, "SELECT COUNT(*) FROM (SELECT application_id FROM provider_event"
                            + " WHERE event_type = 'RETURNED' GROUP BY application_id HAVING COUNT(*) > 1) twice");
                    System.out.println("BENCHMARK kill -9 under load: " + attempts.get() + " submissions tried, " + acked
                            + " acknowledged, " + found + " of them found after the restart, " + applications
                            + " applications stored; " + sent + " SMS sent, " + queuedLeft + " still queued, all out "
                            + drainedAfter + " ms after the restart began");

                    assertThat(found).as("acknowledged submissions found after the restart").isEqualTo(acked);
                    assertThat(submittedEvents).as("one APPLICATION_SUBMITTED per stored application").isEqualTo(applications);
                    assertThat(queuedLeft).as("SMS still queued").isZero();
                    assertThat(sentEvents).as("one SMS_SENT per message sent").isEqualTo(sent);
                    assertThat(targetsCounted).as("sends counted on the targets once each").isEqualTo(sent);
                    assertThat(returnedTwice).as("applications returned twice").isZero();
                }
            }
        }
    }

    private static void submitWhileLoading(int grpcPort, AtomicBoolean loading, Set<String> acknowledged,
                                           AtomicInteger attempts) {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + KEY);
        var stub = ApplicationServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        try {
            while (loading.get()) {
                int n = attempts.incrementAndGet();
                String requestId = "kill-" + n;
                try {
                    stub.withDeadlineAfter(5, TimeUnit.SECONDS).submitApplication(SubmitApplicationRequest.newBuilder()
                            .setRequestId(requestId).setType(FilingType.NEW_FILING).setProvince("TJ").setSubjectName("示例")
                            .setSubjectPrincipal(person(2 * n)).addWebsites(Website.newBuilder().setDomain("kill" + n + ".cn")
                                    .setPrincipal(person(2 * n + 1))).build());
                    acknowledged.add(requestId);
                } catch (StatusRuntimeException e) {
                    // the service is gone (or going): this one was not acknowledged
                }
            }
        } finally {
            channel.shutdownNow();
        }
    }

    private static Person person(int n) {
        return Person.newBuilder().setName("张三").setPhone(String.format("136%08d", n))
                .setIdNumber(People.residentId(n)).build();
    }

    private static long awaitOutboxDrained(PrivateMariaDb database, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        long queued;
        do {
            Thread.sleep(500);
            try (Connection c = DriverManager.getConnection(database.url(), "root", "");
                 Statement s = c.createStatement()) {
                queued = count(s, "SELECT COUNT(*) FROM sms_outbox WHERE status = 'QUEUED'");
            }
        } while (queued > 0 && System.nanoTime() < deadline);
        return queued;
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String sha256(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
