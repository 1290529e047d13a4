package beian.verify.core.port.in;

/** The applications ready for the 管局's review in a reviewer's provinces, page by page. */
public interface ListReadyForReviewUseCase {

    Outcome<ApplicationPage> list(ListReadyForReviewQuery query);

    /** @param province {@code null} or blank: every province of the reviewer */
    record ListReadyForReviewQuery(Caller.Reviewer reviewer, String province, int pageSize, String pageToken) {
    }
}
