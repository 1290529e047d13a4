package beian.verify.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.RetentionPeriod;
import beian.verify.core.port.in.WorkReport;
import beian.verify.core.port.out.ClosedApplicationCounts;
import beian.verify.core.port.out.ErasableApplications;
import beian.verify.core.service.EraseExpiredPersonalDataService;
import beian.verify.core.testing.MutableClock;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Retention on MariaDB, and two erasers at once (two instances: each its own connections). */
class MariaDbRetentionTest extends RetentionContract {
    static PersistenceContext db;

    @BeforeAll
    static void start() {
        db = PersistenceContext.mariaDb("retention");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Override
    protected PersistenceContext db() {
        return db;
    }

    @Test
    void aBatchHeldByOneInstanceIsSkippedNotWaitedForByAnother() throws Exception {
        try (Connection c = db.database.connect()) {
            ClosedApplicationsFill.fill(c, 0, 100, T0);
        }
        core.clock.set(T0.plus(Duration.ofDays(181)));
        ErasableApplications erasable = db.bean(ErasableApplications.class);
        java.util.concurrent.CountDownLatch claimed = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService holder = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<List<beian.verify.core.domain.ClosedApplication>> held = holder.submit(() ->
                    db.storage().tx().inTransaction(() -> {
                        List<beian.verify.core.domain.ClosedApplication> mine =
                                erasable.claimClosedBefore(core.clock.now().minus(Duration.ofDays(180)), 30);
                        claimed.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return mine;
                    }));
            claimed.await();

            long t0 = System.nanoTime();
            WorkReport other = eraser.eraseExpired(100); // the other instance, while 30 are held
            double seconds = (System.nanoTime() - t0) / 1e9;

            assertThat(other.done()).isEqualTo(70);
            assertThat(seconds).as("skipped, not waited for").isLessThan(10);
            release.countDown();
            assertThat(held.get()).hasSize(30);
            assertThat(count("SELECT COUNT(*) FROM application")).isEqualTo(30); // the holder erased nothing
            assertThat(eraser.eraseExpired(100).done()).isEqualTo(30);
            assertThat(count("SELECT SUM(applications) FROM closed_application_count")).isEqualTo(100);
        } finally {
            release.countDown();
            holder.shutdownNow();
        }
    }

    @Test
    void twoErasersAtOnceEraseEveryApplicationOnceWithoutConflict() throws Exception {
        int applications = 600;
        try (Connection c = db.database.connect()) {
            ClosedApplicationsFill.fill(c, 0, applications, T0);
        }
        core.clock.set(T0.plus(Duration.ofDays(181)));
        EraseExpiredPersonalDataService other = new EraseExpiredPersonalDataService(RetentionPeriod.defaults(),
                MutableClock.SHANGHAI, db.storage().tx(), core.clock, db.bean(ErasableApplications.class),
                db.bean(ClosedApplicationCounts.class));

        java.util.concurrent.atomic.AtomicInteger instance = new java.util.concurrent.atomic.AtomicInteger();
        List<Integer> erased = Concurrently.run(2, () -> {
            EraseExpiredPersonalDataService mine = instance.getAndIncrement() == 0 ? eraser : other;
            int total = 0;
            WorkReport report;
            do {
                report = mine.eraseExpired(25);
                total += report.done();
            } while (report.done() > 0);
            return total;
        });

        System.out.println("RETENTION two erasers at once erased " + erased + " applications of " + applications);
        assertThat(erased.stream().mapToInt(Integer::intValue).sum()).isEqualTo(applications);
        assertThat(count("SELECT COUNT(*) FROM application")).isZero();
        assertThat(count("SELECT SUM(applications) FROM closed_application_count")).isEqualTo(applications);
    }
}
