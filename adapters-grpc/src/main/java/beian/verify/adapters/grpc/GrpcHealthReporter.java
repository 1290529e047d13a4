package beian.verify.adapters.grpc;

import beian.verify.adapters.grpc.v1.ApplicationServiceGrpc;
import beian.verify.adapters.grpc.v1.ReviewServiceGrpc;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micronaut.context.annotation.Value;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Any;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code grpc.health.v1} in step with the service's own health: NOT_SERVING while one of the
 * health indicators named in {@code beian.grpc.health.indicators} (default {@code jdbc}, the
 * database, {@code dispatcher} and {@code outbox}: the readiness the HTTP side reports) is DOWN or
 * does not answer, for the whole server and for both services. The
 * indicators are looked up at each check, not at creation: some (the gRPC server's own) depend on
 * the server, which depends on the services.
 */
@Singleton
class GrpcHealthReporter {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcHealthReporter.class);
    static final List<String> SERVICES = List.of(HealthStatusManager.SERVICE_NAME_ALL_SERVICES,
            ApplicationServiceGrpc.SERVICE_NAME, ReviewServiceGrpc.SERVICE_NAME);

    private final HealthStatusManager health;
    private final BeanProvider<HealthIndicator> indicators;
    private final Set<String> watched;
    private final Duration timeout;
    private volatile ServingStatus current;
    /** Why it was last said to be NOT_SERVING (empty: it is serving). */
    private volatile List<String> told = List.of();

    GrpcHealthReporter(HealthStatusManager health, @Any BeanProvider<HealthIndicator> indicators,
                       @Value("${beian.grpc.health.indicators:jdbc,dispatcher,outbox}") Set<String> watched,
                       @Value("${beian.grpc.health.timeout:3s}") Duration timeout) {
        this.health = health;
        this.indicators = indicators;
        this.watched = watched;
        this.timeout = timeout;
        this.current = ServingStatus.SERVING; // as InitialHealthStatus set it
    }

    @Scheduled(fixedDelay = "${beian.grpc.health.interval:5s}", initialDelay = "1s")
    void refresh() {
        List<String> reasons = new ArrayList<>();
        List<HealthIndicator> all;
        try {
            all = indicators.stream().toList();
        } catch (RuntimeException e) {
            reasons.add("the health indicators cannot be created: " + e);
            all = List.of();
        }
        for (HealthIndicator indicator : all) {
            HealthResult result = first(indicator.getResult());
            if (result == NO_RESULT || result != null && !watched.contains(result.getName())) {
                continue; // says nothing (disabled), or about something else than what we follow
            }
            if (result == null || result.getStatus().equals(HealthStatus.DOWN)) {
                reasons.add(indicator.getClass().getSimpleName() + " is "
                        + (result == null ? "not answering" : result.getStatus()));
            }
        }
        ServingStatus status = reasons.isEmpty() ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        // said when it changes, not at every check: a database down for an hour is one WARN, not 720
        if (!reasons.equals(told)) {
            if (reasons.isEmpty()) {
                LOG.info("gRPC health: SERVING again");
            } else {
                LOG.warn("gRPC health: NOT_SERVING, {}", String.join("; ", reasons));
            }
            told = List.copyOf(reasons);
        }
        if (status != current) {
            current = status;
            for (String service : SERVICES) {
                health.setStatus(service, status);
            }
        }
    }

    /** What an indicator that completes without a result gives: no verdict. */
    private static final HealthResult NO_RESULT = HealthResult.builder("none").build();

    /**
     * The first result; {@link #NO_RESULT} when it completes without one; {@code null} when it fails
     * or takes longer than the timeout, which counts as DOWN: a failing check is no healthy one.
     */
    private HealthResult first(Publisher<HealthResult> publisher) {
        CompletableFuture<HealthResult> result = new CompletableFuture<>();
        publisher.subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(HealthResult item) {
                result.complete(item);
            }

            @Override
            public void onError(Throwable error) {
                result.complete(null);
            }

            @Override
            public void onComplete() {
                result.complete(NO_RESULT);
            }
        });
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return null;
        }
    }
}
