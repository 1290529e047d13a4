package beian.verify.adapters.grpc;

import beian.verify.core.port.in.Outcome;
import io.grpc.stub.StreamObserver;
import java.util.function.Function;
import java.util.function.Supplier;

/** Answers a unary call from a use case's outcome, through {@link GrpcErrors} for everything but success. */
final class Replies {
    private Replies() {
    }

    static <T, R> void reply(String method, StreamObserver<R> observer, Supplier<Outcome<T>> call,
                             Function<T, R> toMessage) {
        R message;
        try {
            Outcome<T> outcome = call.get();
            if (outcome instanceof Outcome.Failed<T> failed) {
                observer.onError(GrpcErrors.of(failed.failure()));
                return;
            }
            message = toMessage.apply(((Outcome.Ok<T>) outcome).value());
        } catch (RuntimeException e) {
            // a StatusRuntimeException (a request the mapper refused) passes through as it is
            observer.onError(GrpcErrors.unexpected(method, e));
            return;
        }
        observer.onNext(message);
        observer.onCompleted();
    }
}
