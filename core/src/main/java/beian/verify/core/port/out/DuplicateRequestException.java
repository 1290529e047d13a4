package beian.verify.core.port.out;

/** Another application with the same (provider, request id) was stored first, e.g. by a concurrent submission. */
public final class DuplicateRequestException extends RuntimeException {
    public DuplicateRequestException(String message) {
        super(message);
    }
}
