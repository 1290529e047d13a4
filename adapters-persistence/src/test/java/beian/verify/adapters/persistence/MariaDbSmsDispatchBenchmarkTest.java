package beian.verify.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.WorkReport;
import beian.verify.core.testing.Benchmark;
import beian.verify.core.testing.People;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A benchmark printout, not a timed assertion: how fast the SMS dispatcher empties a queue of N messages on
 * MariaDB, to a carrier that answers at once (the recording sender, in memory). The queue is filled through the
 * core's real submission (8 threads, one NEW_WEBSITE with one target each, so one SMS per application); the
 * dispatch then runs on one thread, as the service's SmsDispatchJob does, in batches of
 * {@code -Dbench.sms.batch} (default 100, the service's {@code beian.jobs.batch-size}); with
 * {@code -Dbench.sms.dispatchers=2} on two, as two instances would. N is {@code -Dbench.sms.count}
 * (default 20,000). It asserts only that every message was sent once.
 * <pre>./mvnw -B -Pbench -pl adapters-persistence -am verify -Dtest=MariaDbSmsDispatchBenchmarkTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dbench.sms.count=100000</pre>
 */
@Benchmark
class MariaDbSmsDispatchBenchmarkTest {
    static final int THREADS = 8;
    static PersistenceContext db;

    @BeforeAll
    static void start() {
        db = PersistenceContext.mariaDb("smsbench");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    /** Linux's USER_HZ, the unit of /proc/PID/stat's times (100 on every Linux this runs on). */
    private static final int TICKS_PER_SECOND = 100;

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** MariaDB's user + system CPU in clock ticks, from /proc (the server on this machine), or -1. */
    private static long mariaDbCpuTicks() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/mariadbd") || c.endsWith("/mysqld")).orElse(false))
                .findFirst()
                .map(p -> {
                    try {
                        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + p.pid() + "/stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
                    } catch (java.io.IOException | RuntimeException e) {
                        return -1L;
                    }
                })
                .orElse(-1L);
    }

    @Test
    void queuedSmsPerSecondToAnImmediateCarrier() throws Exception {
        int count = Integer.getInteger("bench.sms.count", 20_000);
        int batch = Integer.getInteger("bench.sms.batch", 100);
        int dispatchers = Integer.getInteger("bench.sms.dispatchers", 1);
        RealCore core = new RealCore(db, Instant.parse("2026-11-28T02:00:00Z"));
        AtomicInteger next = new AtomicInteger();

        long t0 = System.nanoTime();
        List<Integer> submitted = Concurrently.run(THREADS, java.time.Duration.ofMinutes(30), () -> {
            int ok = 0;
            for (int n = next.incrementAndGet(); n <= count; n = next.incrementAndGet()) {
                Outcome<?> o = core.submission.submit(RealCore.newWebsite("sms-bench-" + n, "smsbench" + n + ".cn",
                        People.person("某", String.format("136%08d", n), People.residentId(n))));
                ok += o instanceof Outcome.Ok ? 1 : 0;
            }
            return ok;
        });
        double fillSeconds = (System.nanoTime() - t0) / 1e9;
        assertThat(submitted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(count);

        long jvmCpu0 = jvmCpuNanos();
        long dbCpu0 = mariaDbCpuTicks();
        long t1 = System.nanoTime();
        List<int[]> drained = Concurrently.run(dispatchers, java.time.Duration.ofMinutes(30), () -> {
            int[] doneAndErrors = new int[2];
            WorkReport report;
            do {
                report = core.dispatcher.dispatch(batch, () -> false);
                doneAndErrors[0] += report.done();
                doneAndErrors[1] += report.errors().size();
            } while (report.handled() > 0);
            return doneAndErrors;
        });
        double dispatchSeconds = (System.nanoTime() - t1) / 1e9;
        double jvmMsPerSms = (jvmCpuNanos() - jvmCpu0) / 1e6 / count;
        double dbMsPerSms = dbCpu0 < 0 ? Double.NaN : (mariaDbCpuTicks() - dbCpu0) * 1000.0 / TICKS_PER_SECOND / count;
        int done = drained.stream().mapToInt(d -> d[0]).sum();
        int errors = drained.stream().mapToInt(d -> d[1]).sum();

        System.out.printf("BENCHMARK MariaDB SMS dispatch: %d queued (filled by %d threads in %.1f s); %d sent in %.2f s"
                        + " = %.0f SMS/s, %d dispatcher thread(s), batches of %d, immediate in-memory carrier%n",
                count, THREADS, fillSeconds, done, dispatchSeconds, done / dispatchSeconds, dispatchers, batch);
        // what bounds it: on 2 cores, SMS/s <= 2,000 ms/s / (the two together) when both run flat out
        System.out.printf("BENCHMARK MariaDB SMS dispatch, CPU per SMS while dispatching: this JVM (dispatcher and"
                + " carrier) %.3f ms, MariaDB %.3f ms (/proc; NaN where it cannot be read)%n", jvmMsPerSms, dbMsPerSms);
        assertThat(errors).isZero();
        assertThat(done).isEqualTo(count);
        assertThat(core.carrier.calls()).hasSize(count);
    }
}
