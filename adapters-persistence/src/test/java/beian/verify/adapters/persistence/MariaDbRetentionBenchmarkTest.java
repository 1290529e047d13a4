package beian.verify.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.RetentionPeriod;
import beian.verify.core.port.in.WorkReport;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.ClosedApplicationCounts;
import beian.verify.core.port.out.ErasableApplications;
import beian.verify.core.service.EraseExpiredPersonalDataService;
import beian.verify.core.testing.Benchmark;
import beian.verify.core.testing.MutableClock;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A benchmark printout: how fast retention erases a large backlog on MariaDB, through the real adapter
 * and the core's service, with one eraser and with two at once (two instances). The backlog is
 * {@code -Dretention.bench.applications} closed applications (100,000 by default), each with what the
 * service stores ({@link ClosedApplicationsFill}: 12 rows, 4 of them events that are rewritten, not
 * deleted), plus open applications that must stay. It asserts only that everything past the period
 * went, once, and nothing else did.
 */
@Benchmark
class MariaDbRetentionBenchmarkTest {
    static final Instant CLOSED = MutableClock.shanghai(2026, 1, 10, 10, 0);
    static final int APPLICATIONS = Integer.getInteger("retention.bench.applications", 100_000);
    static final int BATCH = Integer.getInteger("retention.bench.batch-size", 500);
    static PersistenceContext db;

    @BeforeAll
    static void start() {
        db = PersistenceContext.mariaDb("retention_bench");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    EraseExpiredPersonalDataService eraser(AppClock clock) {
        return new EraseExpiredPersonalDataService(RetentionPeriod.defaults(), MutableClock.SHANGHAI,
                db.storage().tx(), clock, db.bean(ErasableApplications.class), db.bean(ClosedApplicationCounts.class));
    }

    long count(String sql) throws Exception {
        try (Connection c = db.database.connect()) {
            return ClosedApplicationsFill.count(c, sql);
        }
    }

    double fill(int applications) throws Exception {
        db.clear();
        long t0 = System.nanoTime();
        try (Connection c = db.database.connect()) {
            ClosedApplicationsFill.fill(c, 0, applications, CLOSED);
            // kept: closed within the period, so they stay
            ClosedApplicationsFill.fill(c, applications, applications / 10, CLOSED.plus(Duration.ofDays(30)));
        }
        try (Connection c = db.database.connect(); java.sql.Statement st = c.createStatement()) {
            for (String table : List.of("application", "verification_target", "application_website", "sms_outbox",
                    "audit_entry", "provider_event", "phone_throttle", "network_throttle")) {
                st.execute("ANALYZE TABLE " + table);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    void assertOnlyThePastWent(int applications) throws Exception {
        assertThat(count("SELECT COUNT(*) FROM application")).isEqualTo(applications / 10);
        assertThat(count("SELECT SUM(applications) FROM closed_application_count")).isEqualTo(applications);
        assertThat(count("SELECT COUNT(*) FROM sms_outbox")).isEqualTo(2L * (applications / 10));
        assertThat(count("SELECT COUNT(*) FROM provider_event WHERE masked_phone IS NOT NULL"))
                .isEqualTo(2L * (applications / 10));
    }

    @Test
    void erasureRowsPerSecondOnMariaDb() throws Exception {
        MutableClock clock = new MutableClock(CLOSED.plus(Duration.ofDays(181)));
        for (int eraserCount : new int[] {1, 2}) {
            double fillSeconds = fill(APPLICATIONS);
            List<EraseExpiredPersonalDataService> erasers = List.of(eraser(clock), eraser(clock));
            AtomicInteger next = new AtomicInteger();
            long t0 = System.nanoTime();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(eraserCount);
            List<java.util.concurrent.Future<Integer>> runs = new java.util.ArrayList<>();
            for (int e = 0; e < eraserCount; e++) {
                runs.add(pool.submit(() -> {
                    EraseExpiredPersonalDataService mine = erasers.get(next.getAndIncrement());
                    int total = 0;
                    WorkReport report;
                    do {
                        report = mine.eraseExpired(BATCH);
                        total += report.done();
                    } while (report.done() > 0);
                    return total;
                }));
            }
            List<Integer> erased = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Integer> run : runs) {
                erased.add(run.get(60, java.util.concurrent.TimeUnit.MINUTES)); // a large backlog on a busy machine
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertOnlyThePastWent(APPLICATIONS);
            long rows = (long) APPLICATIONS * ClosedApplicationsFill.ROWS_PER_APPLICATION + APPLICATIONS / 10 * 2L;
            System.out.printf("BENCHMARK retention on MariaDB, %d eraser(s), batch %d: %d closed applications"
                            + " (%d rows: application, 2 targets, website, 2 SMS, 2 audit records deleted; 4 events"
                            + " rewritten; 1 in 10 with 2 throttle rows) erased in %.2f s = %.0f applications/s ="
                            + " %.0f rows/s (erased per eraser: %s; filling took %.1f s)%n",
                    eraserCount, BATCH, APPLICATIONS, rows, seconds, APPLICATIONS / seconds, rows / seconds, erased,
                    fillSeconds);
        }
    }
}
