package beian.verify.core.port.in;

import java.util.function.Function;

/** A use case's answer: the value, or why not. Sealed, so a caller has to look at which. */
public sealed interface Outcome<T> {
    record Ok<T>(T value) implements Outcome<T> {
    }

    record Failed<T>(Failure failure) implements Outcome<T> {
    }

    static <T> Outcome<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Outcome<T> failed(Failure failure) {
        return new Failed<>(failure);
    }

    /** The value mapped, or the same failure. */
    default <R> Outcome<R> map(Function<T, R> mapper) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(mapper.apply(ok.value()));
        }
        return new Failed<>(((Failed<T>) this).failure());
    }
}
