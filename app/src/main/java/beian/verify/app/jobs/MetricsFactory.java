package beian.verify.app.jobs;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * An in-memory meter registry, so the counters count even before a deployment adds an exporting one
 * (e.g. micronaut-micrometer-registry-prometheus, which joins it under Micronaut's composite registry).
 */
@Factory
class MetricsFactory {
    @Singleton
    @Requires(property = "micronaut.metrics.enabled", notEquals = "false")
    SimpleMeterRegistry simpleMeterRegistry() {
        return new SimpleMeterRegistry();
    }
}
