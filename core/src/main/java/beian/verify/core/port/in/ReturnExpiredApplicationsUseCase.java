package beian.verify.core.port.in;

/** Returns the applications whose deadline has come (VERIFICATION_TIMEOUT); a scheduled job calls it. */
public interface ReturnExpiredApplicationsUseCase {
    /** Handles one batch of at most {@code batchSize} due applications. */
    WorkReport returnExpired(int batchSize);
}
