package beian.verify.core.service;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ApplicationState;
import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.FieldPath;
import beian.verify.core.domain.InputField;
import beian.verify.core.domain.InvalidInputException;
import beian.verify.core.port.in.ApplicationPage;
import beian.verify.core.port.in.Failure;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.out.TransactionRunner;
import java.util.List;
import java.util.function.BiFunction;

/** Keyset paging over applications in id order: one more row than shown tells whether a next page exists. */
final class Pages {
    private Pages() {
    }

    static Outcome<ApplicationPage> page(TransactionRunner transactions, int pageSize, String pageToken,
                                         BiFunction<ApplicationId, Integer, List<ApplicationState>> query) {
        if (pageSize < 0) {
            return Outcome.failed(new Failure(ErrorCode.INVALID_ARGUMENT, FieldPath.of(InputField.PAGE_SIZE),
                    "must not be negative"));
        }
        int size = pageSize == 0 ? ApplicationPage.DEFAULT_SIZE : Math.min(pageSize, ApplicationPage.MAX_SIZE);
        ApplicationId after;
        try {
            after = Views.cursor(pageToken);
        } catch (InvalidInputException e) {
            return Outcome.failed(Failure.invalid(e));
        }
        List<ApplicationState> rows = transactions.inTransaction(() -> query.apply(after, size + 1));
        List<ApplicationState> shown = rows.size() > size ? rows.subList(0, size) : rows;
        String next = rows.size() > size ? Views.pageToken(shown.get(shown.size() - 1).id()) : null;
        return Outcome.ok(new ApplicationPage(shown.stream().map(Views::of).toList(), next));
    }
}
