package beian.verify.app.observability;

import beian.verify.app.jobs.SmsDispatchJob;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

/**
 * Readiness beyond the database ({@code jdbc}, Micronaut's): {@code dispatcher} is DOWN when the SMS
 * dispatcher has not completed a drain for {@code beian.health.dispatcher-max-silence} (default 2m; it
 * drains every second); {@code outbox} is DOWN when the oldest due SMS has waited longer than
 * {@code beian.health.outbox-max-age} (default 5m), or at once when the database does not answer
 * ({@link DatabaseReadiness}). Liveness ({@code /health/liveness}) leaves them
 * out: a stuck carrier is no reason to restart the process. gRPC health follows them too
 * ({@code beian.grpc.health.indicators}).
 */
final class ReadinessIndicators {
    private ReadinessIndicators() {
    }

    @Singleton
    @Readiness
    static final class Dispatcher implements HealthIndicator {
        private final BeanProvider<SmsDispatchJob> dispatcher;
        private final Duration maxSilence;

        Dispatcher(BeanProvider<SmsDispatchJob> dispatcher,
                   @Value("${beian.health.dispatcher-max-silence:2m}") Duration maxSilence) {
            this.dispatcher = dispatcher;
            this.maxSilence = maxSilence;
        }

        @Override
        public Publisher<HealthResult> getResult() {
            if (!dispatcher.isPresent()) {
                return Publishers.empty(); // beian.jobs.enabled=false: no dispatcher here, nothing to say
            }
            Instant last = dispatcher.get().lastSuccess();
            Duration silence = Duration.between(last, Instant.now());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("lastSuccess", last.toString());
            details.put("maxSilence", maxSilence.toString());
            return Publishers.just(HealthResult.builder("dispatcher",
                    silence.compareTo(maxSilence) > 0 ? HealthStatus.DOWN : HealthStatus.UP).details(details).build());
        }
    }

    @Singleton
    @Readiness
    static final class Outbox implements HealthIndicator {
        private final OutboxWatch watch;
        private final DatabaseReadiness database;
        private final Duration maxAge;

        Outbox(OutboxWatch watch, DatabaseReadiness database, @Value("${beian.health.outbox-max-age:5m}") Duration maxAge) {
            this.watch = watch;
            this.database = database;
            this.maxAge = maxAge;
        }

        @Override
        public Publisher<HealthResult> getResult() {
            if (!database.up()) {
                // reading the backlog would wait for the pool's connection timeout: say so at once instead
                return Publishers.just(HealthResult.builder("outbox", HealthStatus.DOWN)
                        .details(Map.of("error", "the database does not answer")).build());
            }
            HealthResult result;
            try {
                OutboxWatch.Snapshot snapshot = watch.snapshot();
                Duration age = snapshot.oldestAge();
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("due", snapshot.due());
                details.put("oldestAgeSeconds", age.toSeconds());
                details.put("maxAge", maxAge.toString());
                result = HealthResult.builder("outbox", age.compareTo(maxAge) > 0 ? HealthStatus.DOWN : HealthStatus.UP)
                        .details(details).build();
            } catch (RuntimeException e) {
                result = HealthResult.builder("outbox", HealthStatus.DOWN).details(Map.of("error", e.toString())).build();
            }
            return Publishers.just(result);
        }
    }
}
