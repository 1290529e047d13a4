package beian.verify.app.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code beian.outbox.backlog} (SMS due and not yet handed to the carrier) and {@code beian.outbox.oldest.age}
 * (seconds the oldest of them has waited): gauges read when scraped.
 */
@Context
@Requires(beans = MeterRegistry.class)
class OutboxMeters {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxMeters.class);

    OutboxMeters(MeterRegistry registry, OutboxWatch watch) {
        Gauge.builder("beian.outbox.backlog", () -> guarded(() -> watch.due()))
                .description("SMS due and not yet handed to the carrier").register(registry);
        Gauge.builder("beian.outbox.oldest.age", () -> guarded(() -> watch.oldestAge().toMillis() / 1000.0))
                .description("how long the oldest due SMS has waited").baseUnit("seconds").register(registry);
    }

    /** A scrape while the database is away reads NaN (no value), not an error page. */
    private static double guarded(java.util.function.DoubleSupplier reading) {
        try {
            return reading.getAsDouble();
        } catch (RuntimeException e) {
            LOG.debug("outbox gauge unreadable: {}", e.toString());
            return Double.NaN;
        }
    }
}
