package beian.verify.adapters.grpc;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * A request id on every log line of a gRPC call (MDC key {@code requestId}, as on the HTTP side): the
 * caller's {@code x-request-id} metadata when it is a plain token, else a new one. gRPC runs a call's
 * callbacks on whatever thread is free, so the id is put in place around each of them.
 */
@Singleton
class RequestIdInterceptor implements ServerInterceptor, Ordered {
    static final Metadata.Key<String> HEADER = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);
    static final String MDC_KEY = "requestId";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String given = headers.get(HEADER);
        String id = given != null && PLAIN.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ServerCall.Listener<Q> listener = within(id, () -> next.startCall(call, headers));
        return new SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onMessage(Q message) {
                within(id, () -> {
                    super.onMessage(message);
                    return null;
                });
            }

            @Override
            public void onHalfClose() {
                within(id, () -> {
                    super.onHalfClose();
                    return null;
                });
            }

            @Override
            public void onCancel() {
                within(id, () -> {
                    super.onCancel();
                    return null;
                });
            }

            @Override
            public void onComplete() {
                within(id, () -> {
                    super.onComplete();
                    return null;
                });
            }

            @Override
            public void onReady() {
                within(id, () -> {
                    super.onReady();
                    return null;
                });
            }
        };
    }

    private static <T> T within(String id, java.util.function.Supplier<T> work) {
        String before = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, id);
        try {
            return work.get();
        } finally {
            if (before == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, before);
            }
        }
    }

    /** Outermost, so the authentication's lines carry the id too. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
