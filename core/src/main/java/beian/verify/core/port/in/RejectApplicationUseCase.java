package beian.verify.core.port.in;

/** The 管局 rejects an application ready for review, saying why. */
public interface RejectApplicationUseCase {

    Outcome<ApplicationView> reject(RejectApplicationCommand command);

    record RejectApplicationCommand(Caller.Reviewer reviewer, String applicationId, String reason) {
    }
}
