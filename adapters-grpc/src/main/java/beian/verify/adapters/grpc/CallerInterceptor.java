package beian.verify.adapters.grpc;

import beian.verify.adapters.grpc.v1.ApplicationServiceGrpc;
import beian.verify.adapters.grpc.v1.ReviewServiceGrpc;
import beian.verify.core.port.in.Caller;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthGrpc;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Authenticates every call but health checks by its {@code authorization: Bearer <key>} metadata
 * and puts the caller into the gRPC {@link Context}; a provider may call only ApplicationService,
 * a reviewer only ReviewService. Endpoints read the caller with {@link #provider()} / {@link #reviewer()}.
 */
@Singleton
class CallerInterceptor implements ServerInterceptor {
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<Caller> CALLER = Context.key("beian.caller");
    private static final String BEARER = "Bearer ";

    private final KeyRing keys;

    CallerInterceptor(KeyRing keys) {
        this.keys = keys;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String service = call.getMethodDescriptor().getServiceName();
        if (HealthGrpc.SERVICE_NAME.equals(service)) {
            return next.startCall(call, headers);
        }
        String header = headers.get(AUTHORIZATION);
        Optional<Caller> caller = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? keys.callerFor(header.substring(BEARER.length()).strip())
                : Optional.empty();
        if (caller.isEmpty()) {
            return refuse(call, GrpcErrors.unauthenticated(header == null
                    ? "metadata 'authorization: Bearer <key>' is required"
                    : "the key in 'authorization' is not valid"));
        }
        if (ApplicationServiceGrpc.SERVICE_NAME.equals(service) && !(caller.get() instanceof Caller.Provider)) {
            return refuse(call, GrpcErrors.permissionDenied("ApplicationService is for access providers' keys"));
        }
        if (ReviewServiceGrpc.SERVICE_NAME.equals(service) && !(caller.get() instanceof Caller.Reviewer)) {
            return refuse(call, GrpcErrors.permissionDenied("ReviewService is for reviewers' keys"));
        }
        return Contexts.interceptCall(Context.current().withValue(CALLER, caller.get()), call, headers, next);
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, StatusRuntimeException error) {
        call.close(error.getStatus(), error.getTrailers() == null ? new Metadata() : error.getTrailers());
        return new ServerCall.Listener<>() {
        };
    }

    /** The provider calling; the interceptor let only providers reach ApplicationService. */
    static Caller.Provider provider() {
        return (Caller.Provider) CALLER.get();
    }

    /** The reviewer calling; the interceptor let only reviewers reach ReviewService. */
    static Caller.Reviewer reviewer() {
        return (Caller.Reviewer) CALLER.get();
    }
}
