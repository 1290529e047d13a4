package beian.verify.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.SubmitApplicationUseCase.Submission;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeResult;
import beian.verify.core.testing.Benchmark;
import beian.verify.core.testing.People;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A benchmark printout, not a timed assertion: submissions and verifications per second through the
 * core's real services on MariaDB, 8 threads. It asserts only that every request succeeded.
 */
@Benchmark
class MariaDbThroughputBenchmarkTest {
    static final int THREADS = 8;
    static final int PER_THREAD = 50;
    static PersistenceContext db;

    @BeforeAll
    static void start() {
        db = PersistenceContext.mariaDb("benchmark");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void submissionsAndVerificationsPerSecondOnMariaDb() throws Exception {
        RealCore core = new RealCore(db, Instant.parse("2026-11-28T02:00:00Z"));
        AtomicInteger next = new AtomicInteger();
        Map<String, String> idByPhone = new ConcurrentHashMap<>();

        long t0 = System.nanoTime();
        List<Integer> submitted = Concurrently.run(THREADS, () -> {
            int ok = 0;
            for (int i = 0; i < PER_THREAD; i++) {
                int n = next.incrementAndGet();
                String phone = String.format("135%08d", n);
                String id = People.residentId(n);
                idByPhone.put(phone, id);
                Outcome<Submission> o = core.submission.submit(RealCore.newWebsite("bench-" + n, "bench" + n + ".cn",
                        People.person("某", phone, id)));
                ok += o instanceof Outcome.Ok ? 1 : 0;
            }
            return ok;
        });
        double submitSeconds = (System.nanoTime() - t0) / 1e9;
        core.dispatch();
        List<String> phones = List.copyOf(idByPhone.keySet());
        AtomicInteger cursor = new AtomicInteger();

        long t1 = System.nanoTime();
        List<Integer> verified = Concurrently.run(THREADS, () -> {
            int ok = 0;
            for (int i = cursor.getAndIncrement(); i < phones.size(); i = cursor.getAndIncrement()) {
                String phone = phones.get(i);
                VerifyCodeResult r = core.verify(phone, People.tail(idByPhone.get(phone)), core.carrier.lastCodeTo(phone));
                ok += r instanceof VerifyCodeResult.Verified ? 1 : 0;
            }
            return ok;
        });
        double verifySeconds = (System.nanoTime() - t1) / 1e9;

        int total = THREADS * PER_THREAD;
        System.out.printf("BENCHMARK MariaDB, %d threads: %d submissions in %.2f s = %.0f/s (each: lock by phone,"
                        + " insert application + target + website + outbox + events); %d verifications in %.2f s ="
                        + " %.0f/s (each: captcha issue + take, throttle lock, lock by phone, update, events)%n",
                THREADS, total, submitSeconds, total / submitSeconds, total, verifySeconds, total / verifySeconds);
        assertThat(submitted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(total);
        assertThat(verified.stream().mapToInt(Integer::intValue).sum()).isEqualTo(total);
    }
}
