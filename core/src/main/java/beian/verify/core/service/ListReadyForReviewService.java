package beian.verify.core.service;

import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.InputField;
import beian.verify.core.domain.Inputs;
import beian.verify.core.domain.InvalidInputException;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.port.in.ApplicationPage;
import beian.verify.core.port.in.Failure;
import beian.verify.core.port.in.ListReadyForReviewUseCase;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.out.ApplicationQueries;
import beian.verify.core.port.out.TransactionRunner;
import java.util.Comparator;
import java.util.List;

/** Applications ready for review in one of the reviewer's provinces (or all of them), page by page. */
public final class ListReadyForReviewService implements ListReadyForReviewUseCase {
    private final TransactionRunner transactions;
    private final ApplicationQueries queries;

    public ListReadyForReviewService(TransactionRunner transactions, ApplicationQueries queries) {
        this.transactions = transactions;
        this.queries = queries;
    }

    @Override
    public Outcome<ApplicationPage> list(ListReadyForReviewQuery query) {
        List<ProvinceCode> scope;
        if (query.province() == null || query.province().isBlank()) {
            scope = query.reviewer().provinces().stream().sorted(Comparator.comparing(ProvinceCode::value)).toList();
        } else {
            ProvinceCode code;
            try {
                code = Inputs.parse(InputField.PROVINCE, query.province(), ProvinceCode::of);
            } catch (InvalidInputException e) {
                return Outcome.failed(Failure.invalid(e));
            }
            scope = query.reviewer().covers(code) ? List.of(code) : List.of();
        }
        if (scope.isEmpty()) {
            return Outcome.ok(new ApplicationPage(List.of(), null));
        }
        return Pages.page(transactions, query.pageSize(), query.pageToken(), (after, limit) ->
                queries.listByStatusAndProvinces(ApplicationStatus.READY_FOR_REVIEW, scope, after, limit));
    }
}
