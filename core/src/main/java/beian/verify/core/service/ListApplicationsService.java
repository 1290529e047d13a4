package beian.verify.core.service;

import beian.verify.core.port.in.ApplicationPage;
import beian.verify.core.port.in.ListApplicationsUseCase;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.out.ApplicationQueries;
import beian.verify.core.port.out.TransactionRunner;

/** A provider's own applications, optionally of one status, page by page in id order. */
public final class ListApplicationsService implements ListApplicationsUseCase {
    private final TransactionRunner transactions;
    private final ApplicationQueries queries;

    public ListApplicationsService(TransactionRunner transactions, ApplicationQueries queries) {
        this.transactions = transactions;
        this.queries = queries;
    }

    @Override
    public Outcome<ApplicationPage> list(ListApplicationsQuery query) {
        return Pages.page(transactions, query.pageSize(), query.pageToken(),
                (after, limit) -> queries.listByProvider(query.provider(), query.status(), after, limit));
    }
}
