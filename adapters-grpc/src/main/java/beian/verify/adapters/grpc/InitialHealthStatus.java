package beian.verify.adapters.grpc;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Names both services to the health service from the start, SERVING like the whole server
 * (HealthStatusManager's default), so a check by service name does not answer NOT_FOUND before
 * {@link GrpcHealthReporter}'s first check (a second after start).
 */
@Singleton
class InitialHealthStatus implements BeanCreatedEventListener<HealthStatusManager> {
    @Override
    public HealthStatusManager onCreated(BeanCreatedEvent<HealthStatusManager> event) {
        GrpcHealthReporter.SERVICES.forEach(service -> event.getBean().setStatus(service, ServingStatus.SERVING));
        return event.getBean();
    }
}
