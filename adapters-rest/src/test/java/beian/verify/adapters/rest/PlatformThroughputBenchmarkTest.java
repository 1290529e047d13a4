package beian.verify.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.testing.Benchmark;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A benchmark printout, not a timed assertion: captchas issued (drawn and encoded as PNG) and
 * verify requests answered per second over the real HTTP server, core on in-memory fakes.
 * Figures go to standard output as "BENCHMARK ...".
 */
@Benchmark
@MicronautTest
@Property(name = "beian.rest.rate-limits.enabled", value = "false")
class PlatformThroughputBenchmarkTest {
    static final int THREADS = 4;
    static final int REQUESTS = 1_000;

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private double perSecond(int expectedStatus, java.util.function.Supplier<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int i = 0; i < 200; i++) {
                call.get(); // warm up
            }
            long start = System.nanoTime();
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                answers.add(pool.submit(call::get));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(expectedStatus);
            }
            return REQUESTS / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void captchasAndVerificationsPerSecond() throws Exception {
        Http http = new Http(server, json);
        String miss = http.json(java.util.Map.of("phone", "13800000001", "idTail", "123456", "code", "123456",
                "captchaId", "unknown", "captchaAnswer", "AAAAA"));

        double captchas = perSecond(201, () -> http.post("/api/v1/captchas", "").status());
        double verifications = perSecond(400, () -> http.post("/api/v1/verifications", miss).status());
        CaptchaRenderer renderer = new CaptchaRenderer();
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            renderer.png("379C");
        }
        double renderMicros = (System.nanoTime() - start) / 1e3 / 1000;

        System.out.printf("BENCHMARK captcha: %.0f issued/s over HTTP (%d threads); drawing one PNG: %.0f µs%n",
                captchas, THREADS, renderMicros);
        System.out.printf("BENCHMARK verify (captcha refused, the cheapest full round trip): %.0f requests/s (%d threads)%n",
                verifications, THREADS);
        assertThat(captchas).isPositive();
    }
}
