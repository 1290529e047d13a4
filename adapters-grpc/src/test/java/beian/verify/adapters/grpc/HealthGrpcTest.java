package beian.verify.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.grpc.v1.ReviewServiceGrpc;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

/** grpc.health.v1 follows the database's health indicator. */
@MicronautTest
@Property(name = "test.database-indicator", value = "true")
class HealthGrpcTest extends GrpcTestSupport {

    /** Stands in for micronaut-sql's "jdbc" indicator, with a switch. */
    @Singleton
    @Requires(property = "test.database-indicator", value = "true")
    static class DatabaseIndicator implements HealthIndicator {
        volatile HealthStatus status = HealthStatus.UP;

        @Override
        public Publisher<HealthResult> getResult() {
            return subscriber -> subscriber.onSubscribe(new org.reactivestreams.Subscription() {
                boolean done;

                @Override
                public void request(long n) {
                    if (!done) {
                        done = true;
                        subscriber.onNext(HealthResult.builder("jdbc", status).build());
                        subscriber.onComplete();
                    }
                }

                @Override
                public void cancel() {
                    done = true;
                }
            });
        }
    }

    /** An indicator with nothing to say (as a disabled one): no verdict either way. */
    @Singleton
    @Requires(property = "test.database-indicator", value = "true")
    static class SilentIndicator implements HealthIndicator {
        @Override
        public Publisher<HealthResult> getResult() {
            return subscriber -> subscriber.onSubscribe(new org.reactivestreams.Subscription() {
                @Override
                public void request(long n) {
                    subscriber.onComplete();
                }

                @Override
                public void cancel() {
                }
            });
        }
    }

    /** Another component's indicator, DOWN: not the database, so not followed. */
    @Singleton
    @Requires(property = "test.database-indicator", value = "true")
    static class OtherDownIndicator implements HealthIndicator {
        @Override
        public Publisher<HealthResult> getResult() {
            return subscriber -> subscriber.onSubscribe(new org.reactivestreams.Subscription() {
                @Override
                public void request(long n) {
                    subscriber.onNext(HealthResult.builder("diskSpace", HealthStatus.DOWN).build());
                    subscriber.onComplete();
                }

                @Override
                public void cancel() {
                }
            });
        }
    }

    @Inject
    DatabaseIndicator database;
    @Inject
    GrpcHealthReporter reporter;

    @Test
    void theServerIsNotServingWhileTheDatabaseIsDownAndServingAgainAfter() {
        var health = HealthGrpc.newBlockingStub(channel);
        reporter.refresh();
        assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);

        database.status = HealthStatus.DOWN;
        reporter.refresh();
        assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.NOT_SERVING);
        assertThat(health.check(HealthCheckRequest.newBuilder().setService(ReviewServiceGrpc.SERVICE_NAME).build())
                .getStatus()).isEqualTo(ServingStatus.NOT_SERVING);

        database.status = HealthStatus.UP;
        reporter.refresh();
        assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);
    }
}
