package beian.verify.core.port.in;

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
}
