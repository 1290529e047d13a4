package beian.verify.core.service;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.InputField;
import beian.verify.core.domain.Inputs;
import beian.verify.core.domain.InvalidInputException;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.Failure;
import beian.verify.core.port.in.GetApplicationUseCase;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.out.ApplicationQueries;
import beian.verify.core.port.out.TransactionRunner;

/** One application for a caller allowed to see it; for anyone else it does not exist. */
public final class GetApplicationService implements GetApplicationUseCase {
    private final TransactionRunner transactions;
    private final ApplicationQueries queries;

    public GetApplicationService(TransactionRunner transactions, ApplicationQueries queries) {
        this.transactions = transactions;
        this.queries = queries;
    }

    @Override
    public Outcome<ApplicationView> get(GetApplicationQuery query) {
        ApplicationId id;
        try {
            id = Inputs.parse(InputField.APPLICATION_ID, query.applicationId(), ApplicationId::new);
        } catch (InvalidInputException e) {
            return Outcome.failed(Failure.invalid(e));
        }
        return transactions.inTransaction(() -> queries.findById(id)).filter(query.caller()::mayAccess)
                .map(a -> Outcome.ok(Views.of(a))).orElseGet(() -> Views.notFound(id));
    }
}
