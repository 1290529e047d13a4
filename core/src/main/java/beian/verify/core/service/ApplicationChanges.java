package beian.verify.core.service;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ApplicationState;
import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.InputField;
import beian.verify.core.domain.Inputs;
import beian.verify.core.domain.InvalidInputException;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.Caller;
import beian.verify.core.port.in.Failure;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.ApplicationRepository;
import beian.verify.core.port.out.EventStore;
import beian.verify.core.port.out.TransactionRunner;
import java.time.Instant;
import java.util.Optional;

/**
 * How a caller's status change runs (withdraw, approve, reject): in one transaction, load and lock
 * the application, refuse one the caller may not see as not found, let the domain decide, store
 * the application and its events. A refusal leaves nothing written.
 */
final class ApplicationChanges {
    /** The domain's decision on one application; empty when the change happened. */
    interface Change {
        Optional<Failure> apply(FilingApplication application, Instant now);
    }

    private final TransactionRunner transactions;
    private final AppClock clock;
    private final ApplicationRepository applications;
    private final EventStore events;

    ApplicationChanges(TransactionRunner transactions, AppClock clock, ApplicationRepository applications,
                       EventStore events) {
        this.transactions = transactions;
        this.clock = clock;
        this.applications = applications;
        this.events = events;
    }

    Outcome<ApplicationView> change(Caller caller, String applicationId, Change change) {
        ApplicationId id;
        try {
            id = Inputs.parse(InputField.APPLICATION_ID, applicationId, ApplicationId::new);
        } catch (InvalidInputException e) {
            return Outcome.failed(Failure.invalid(e));
        }
        return transactions.inTransaction(() -> {
            Optional<ApplicationState> state = applications.lockById(id).filter(caller::mayAccess);
            if (state.isEmpty()) {
                return Views.notFound(id);
            }
            FilingApplication application = FilingApplication.restore(state.get());
            Optional<Failure> refused = change.apply(application, clock.now());
            if (refused.isPresent()) {
                return Outcome.failed(refused.get());
            }
            applications.update(application);
            events.append(application.pullEvents());
            return Outcome.ok(Views.of(application.state()));
        });
    }

    /** The refusal for a change the application's status does not allow. */
    static Failure wrongStatus(FilingApplication application) {
        return Failure.of(ErrorCode.WRONG_STATUS,
                "application " + application.id() + " is " + application.status() + ", which does not allow this");
    }
}
