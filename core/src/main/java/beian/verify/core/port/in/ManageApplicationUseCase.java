package beian.verify.core.port.in;

import beian.verify.core.domain.ProviderId;

/** Status changes asked by callers: the provider's withdrawal, the 管局's approval and rejection. */
public interface ManageApplicationUseCase {

    /** The provider takes its application back (RETURNED, WITHDRAWN). */
    Outcome<ApplicationView> withdraw(ProviderId provider, String applicationId);

    /** The 管局 approves: filing number given, filed records written. */
    Outcome<ApplicationView> approve(Caller.Reviewer reviewer, String applicationId, String filingNumber);

    /** The 管局 rejects, with a reason. */
    Outcome<ApplicationView> reject(Caller.Reviewer reviewer, String applicationId, String reason);
}
