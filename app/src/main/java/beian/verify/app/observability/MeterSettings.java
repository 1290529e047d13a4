package beian.verify.app.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Set;

/** Histogram buckets (Prometheus {@code _bucket} series) for the latencies worth a percentile. */
@Factory
class MeterSettings {
    /** REST (Micronaut's), gRPC (Micrometer's interceptor), and submission to full verification. */
    static final Set<String> HISTOGRAMS = Set.of("http.server.requests", "grpc.server.processing.duration",
            "beian.verification.duration");

    @Singleton
    MeterFilter histograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HISTOGRAMS.contains(id.getName())) {
                    return config;
                }
                DistributionStatisticConfig.Builder histogram = DistributionStatisticConfig.builder()
                        .percentilesHistogram(true);
                if (id.getName().equals("beian.verification.duration")) {
                    histogram.minimumExpectedValue((double) Duration.ofSeconds(10).toNanos())
                            .maximumExpectedValue((double) Duration.ofDays(3).toNanos());
                }
                return histogram.build().merge(config);
            }
        };
    }
}
