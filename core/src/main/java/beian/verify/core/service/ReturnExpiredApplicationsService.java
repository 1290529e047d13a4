package beian.verify.core.service;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ApplicationState;
import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.Transition;
import beian.verify.core.port.in.ReturnExpiredApplicationsUseCase;
import beian.verify.core.port.in.WorkReport;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.ApplicationRepository;
import beian.verify.core.port.out.DueApplications;
import beian.verify.core.port.out.EventStore;
import beian.verify.core.port.out.TransactionRunner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Returns the applications whose deadline has passed (VERIFICATION_TIMEOUT). A batch is returned in
 * one transaction, the rows locked together in id order (one statement for them, one for their
 * targets): one commit and two reads for the batch instead of a commit and two reads per application
 * (issue 10); their updates and their events are handed over together ({@link ApplicationRepository#updateAll},
 * one {@link EventStore#append}), so that a store can write each kind in one round trip.
 * When any of them fails, the batch's transaction rolls back whole and each is returned again in its
 * own transaction: one failure still leaves only itself due, never undoes the rest. Several
 * instances may run the job at once without returning anything twice (the row lock, then the
 * status is checked again).
 */
public final class ReturnExpiredApplicationsService implements ReturnExpiredApplicationsUseCase {
    private final TransactionRunner transactions;
    private final AppClock clock;
    private final DueApplications due;
    private final ApplicationRepository applications;
    private final EventStore events;

    public ReturnExpiredApplicationsService(TransactionRunner transactions, AppClock clock, DueApplications due,
                                            ApplicationRepository applications, EventStore events) {
        this.transactions = transactions;
        this.clock = clock;
        this.due = due;
        this.applications = applications;
        this.events = events;
    }

    @Override
    public WorkReport returnExpired(int batchSize) {
        Instant now = clock.now();
        List<ApplicationId> ids = transactions.inTransaction(() -> due.findDueForReturn(now, batchSize)).stream()
                .sorted().toList();
        if (ids.isEmpty()) {
            return WorkReport.EMPTY;
        }
        try {
            return transactions.inTransaction(() -> {
                List<FilingApplication> returned = new ArrayList<>();
                for (ApplicationState state : applications.lockByIds(ids)) {
                    FilingApplication application = FilingApplication.restore(state);
                    if (application.expire(now) instanceof Transition.Done) {
                        returned.add(application);
                    }
                }
                if (!returned.isEmpty()) { // in id order, so each provider's events are appended in that order
                    applications.updateAll(returned);
                    events.append(returned.stream().flatMap(a -> a.pullEvents().stream()).toList());
                }
                return new WorkReport(returned.size(), ids.size() - returned.size(), List.of());
            });
        } catch (RuntimeException batchFailed) {
            // nothing of the batch stayed: one by one, so that only the failing ones stay due
            return PerItem.run(ids, ApplicationId::value, id -> transactions.inTransaction(() -> returnOne(id, now)));
        }
    }

    private boolean returnOne(ApplicationId id, Instant now) {
        Optional<ApplicationState> state = applications.lockById(id);
        return state.isPresent() && returnLocked(state.get(), now);
    }

    private boolean returnLocked(ApplicationState state, Instant now) {
        FilingApplication application = FilingApplication.restore(state);
        if (!(application.expire(now) instanceof Transition.Done)) {
            return false;
        }
        applications.update(application);
        events.append(application.pullEvents());
        return true;
    }
}
