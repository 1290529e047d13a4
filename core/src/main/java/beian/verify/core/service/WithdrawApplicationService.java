package beian.verify.core.service;

import beian.verify.core.domain.Transition;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.Caller;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.WithdrawApplicationUseCase;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.ApplicationRepository;
import beian.verify.core.port.out.EventStore;
import beian.verify.core.port.out.TransactionRunner;
import java.util.Optional;

/** A provider withdraws its own application before review; it goes back RETURNED (WITHDRAWN). */
public final class WithdrawApplicationService implements WithdrawApplicationUseCase {
    private final ApplicationChanges changes;

    public WithdrawApplicationService(TransactionRunner transactions, AppClock clock,
                                      ApplicationRepository applications, EventStore events) {
        this.changes = new ApplicationChanges(transactions, clock, applications, events);
    }

    @Override
    public Outcome<ApplicationView> withdraw(WithdrawApplicationCommand command) {
        return changes.change(new Caller.Provider(command.provider()), command.applicationId(),
                (application, now) -> application.withdraw(now) instanceof Transition.WrongStatus
                        ? Optional.of(ApplicationChanges.wrongStatus(application))
                        : Optional.empty());
    }
}
