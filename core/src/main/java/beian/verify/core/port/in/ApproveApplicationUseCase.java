package beian.verify.core.port.in;

/** The 管局 approves an application ready for review: the filing number is set and the filed records change. */
public interface ApproveApplicationUseCase {

    Outcome<ApplicationView> approve(ApproveApplicationCommand command);

    /** @param filingNumber required for new filings; others may leave it blank to keep the number on file */
    record ApproveApplicationCommand(Caller.Reviewer reviewer, String applicationId, String filingNumber) {
    }
}
