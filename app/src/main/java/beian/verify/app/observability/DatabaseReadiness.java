package beian.verify.app.observability;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database's readiness ({@code jdbc}, in place of Micronaut's indicator, which application.yml turns
 * off): a thread of its own checks a pooled connection every {@code beian.health.database-check-interval}
 * (default 1s), and a health request reads the last verdict, so it never waits on the database. Micronaut's
 * indicator asked the pool at each request, and with the database gone each {@code /health} waited for the
 * pool's connection timeout (2 s) before answering 503.
 *
 * <p>DOWN when the last check failed, or when no check has succeeded for the interval plus
 * {@code beian.health.database-check-timeout} (default 1s): a check that hangs counts as a failed one.
 */
@Singleton
@Readiness
final class DatabaseReadiness implements HealthIndicator {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseReadiness.class);
    static final String NAME = "jdbc";

    private final DataSource dataSource;
    private final Duration interval;
    private final Duration timeout;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "database-readiness");
        t.setDaemon(true);
        return t;
    });
    private volatile Instant lastSuccess;
    private volatile Instant lastFailure;
    private volatile String lastError;
    private volatile String product;
    private volatile boolean stopped;

    DatabaseReadiness(DataSource dataSource, @Nullable DataSourceResolver resolver,
                      @Value("${beian.health.database-check-interval:1s}") Duration interval,
                      @Value("${beian.health.database-check-timeout:1s}") Duration timeout) {
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
        this.interval = interval;
        this.timeout = timeout;
        check(); // a verdict before the first request: the only time a caller waits for a check
        thread.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid((int) Math.max(1, timeout.toSeconds()))) {
                throw new java.sql.SQLException("the connection did not answer within " + timeout);
            }
            if (product == null) {
                product = connection.getMetaData().getDatabaseProductName() + " "
                        + connection.getMetaData().getDatabaseProductVersion();
            }
            if (lastFailure != null && (lastSuccess == null || lastFailure.isAfter(lastSuccess))) {
                LOG.info("database readiness: UP again");
            }
            lastSuccess = Instant.now();
        } catch (Exception e) {
            if (stopped) {
                return; // the pool closes with the service: no verdict to keep, nothing to say
            }
            if (lastFailure == null || lastSuccess != null && lastSuccess.isAfter(lastFailure)) {
                LOG.warn("database readiness: DOWN, {}", e.toString());
            }
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            lastFailure = Instant.now();
        }
    }

    /** Whether the database answered its last check, recently enough. */
    boolean up() {
        Instant success = lastSuccess;
        Instant failure = lastFailure;
        return success != null && (failure == null || success.isAfter(failure))
                && Duration.between(success, Instant.now()).compareTo(interval.plus(timeout)) <= 0;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean up = up();
        Map<String, Object> details = new LinkedHashMap<>();
        if (product != null) {
            details.put("database", product);
        }
        details.put("lastSuccess", String.valueOf(lastSuccess));
        if (!up) {
            details.put("lastFailure", String.valueOf(lastFailure));
            details.put("error", lastFailure != null ? lastError : "no check succeeded for " + interval.plus(timeout));
        }
        return Publishers.just(HealthResult.builder(NAME, up ? HealthStatus.UP : HealthStatus.DOWN).details(details).build());
    }

    @PreDestroy
    void stop() {
        stopped = true;
        thread.shutdownNow();
    }
}
