package beian.verify.core.service;

import beian.verify.core.domain.FieldPath;
import beian.verify.core.domain.InputField;
import beian.verify.core.domain.Inputs;
import beian.verify.core.domain.InvalidInputException;
import beian.verify.core.domain.Transition;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.Failure;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.RejectApplicationUseCase;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.ApplicationRepository;
import beian.verify.core.port.out.EventStore;
import beian.verify.core.port.out.TransactionRunner;
import java.util.Optional;

/** The 管局 rejects an application ready for review, with a reason its provider will read. */
public final class RejectApplicationService implements RejectApplicationUseCase {
    /** The longest reason kept. */
    public static final int MAX_REASON = 500;

    private final ApplicationChanges changes;

    public RejectApplicationService(TransactionRunner transactions, AppClock clock,
                                    ApplicationRepository applications, EventStore events) {
        this.changes = new ApplicationChanges(transactions, clock, applications, events);
    }

    @Override
    public Outcome<ApplicationView> reject(RejectApplicationCommand command) {
        String reason;
        try {
            reason = Inputs.text(FieldPath.of(InputField.REASON), command.reason(), MAX_REASON);
        } catch (InvalidInputException e) {
            return Outcome.failed(Failure.invalid(e));
        }
        return changes.change(command.reviewer(), command.applicationId(),
                (application, now) -> application.reject(reason, now) instanceof Transition.WrongStatus
                        ? Optional.of(ApplicationChanges.wrongStatus(application))
                        : Optional.empty());
    }
}
