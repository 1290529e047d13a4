package beian.verify.adapters.sms;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * {@code sms-carriers} in {@code /health}: each carrier's recent success rate and attempts. Always UP: a carrier
 * in trouble is what failover is for, and the service must not look down (and be restarted) because of it;
 * alert on {@code beian.sms.carrier.success-rate} instead.
 */
@Singleton
@Requires(beans = FailoverSmsSender.class)
final class CarrierHealthIndicator implements HealthIndicator {
    private final FailoverSmsSender carriers;

    CarrierHealthIndicator(FailoverSmsSender carriers) {
        this.carriers = carriers;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> details = new LinkedHashMap<>();
        Map<String, CarrierHealth> health = carriers.health();
        for (String name : carriers.order()) {
            CarrierHealth h = health.get(name);
            double rate = h.successRate();
            details.put(name, Map.of("successRate", Double.isNaN(rate) ? "no attempts yet" : rate, "attempts", h.attempts()));
        }
        return Publishers.just(HealthResult.builder("sms-carriers", HealthStatus.UP).details(details).build());
    }
}
