package beian.verify.adapters.grpc;

import io.grpc.BindableService;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Server reflection, so tools (grpcurl) list and call the API without the proto file: v1, and the
 * v1alpha that older clients ask for. Like every call but health, it needs a valid key.
 */
@Factory
class ReflectionFactory {

    @Bean
    @Singleton
    @Named("reflection-v1")
    BindableService reflectionV1() {
        return ProtoReflectionServiceV1.newInstance();
    }

    @Bean
    @Singleton
    @Named("reflection-v1alpha")
    @SuppressWarnings("deprecation")
    BindableService reflectionV1Alpha() {
        return ProtoReflectionService.newInstance();
    }
}
