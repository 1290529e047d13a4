package beian.verify.core.port.in;

/**
 * Erases the personal data of applications closed longer than the retention period (DOMAIN.md
 * "Privacy"), keeping anonymous counts; a scheduled job calls it.
 */
public interface EraseExpiredPersonalDataUseCase {
    /**
     * Erases one batch of at most {@code batchSize} items (applications first, then audit records
     * that name no application), in one transaction. {@code done} counts the items erased.
     */
    WorkReport eraseExpired(int batchSize);
}
