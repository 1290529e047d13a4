package beian.verify.adapters.grpc;

import io.grpc.ServerBuilder;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.convert.format.ReadableBytes;
import jakarta.inject.Singleton;

/**
 * Bounds what one client can make the server hold: inbound message and metadata size, from
 * {@code beian.grpc.max-inbound-message-size} (4MB: an import of 10,000 records fits) and
 * {@code beian.grpc.max-inbound-metadata-size}. A larger message is refused with RESOURCE_EXHAUSTED.
 */
@Singleton
class GrpcServerLimits implements BeanCreatedEventListener<ServerBuilder<?>> {
    private final int maxInboundMessageSize;
    private final int maxInboundMetadataSize;

    GrpcServerLimits(@Value("${beian.grpc.max-inbound-message-size:4MB}") @ReadableBytes int maxInboundMessageSize,
                     @Value("${beian.grpc.max-inbound-metadata-size:8KB}") @ReadableBytes int maxInboundMetadataSize) {
        this.maxInboundMessageSize = maxInboundMessageSize;
        this.maxInboundMetadataSize = maxInboundMetadataSize;
    }

    @Override
    public ServerBuilder<?> onCreated(BeanCreatedEvent<ServerBuilder<?>> event) {
        return event.getBean().maxInboundMessageSize(maxInboundMessageSize).maxInboundMetadataSize(maxInboundMetadataSize);
    }
}
