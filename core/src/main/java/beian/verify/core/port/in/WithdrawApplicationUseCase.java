package beian.verify.core.port.in;

import beian.verify.core.domain.ProviderId;

/** The provider takes its application back before review (RETURNED, WITHDRAWN). */
public interface WithdrawApplicationUseCase {

    Outcome<ApplicationView> withdraw(WithdrawApplicationCommand command);

    record WithdrawApplicationCommand(ProviderId provider, String applicationId) {
    }
}
