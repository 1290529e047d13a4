package beian.verify.core.port.out;

/**
 * Storage cannot be reached (the database is down, unreachable, or gave no connection in time).
 * Storage adapters throw it instead of their own connection errors, so each inbound adapter can
 * answer "try again" (REST 503, gRPC UNAVAILABLE) rather than an internal error. Nothing of the
 * request was written.
 */
public final class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
