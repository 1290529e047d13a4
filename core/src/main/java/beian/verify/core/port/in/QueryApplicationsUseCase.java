package beian.verify.core.port.in;

import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.Province;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.RecordedEvent;
import java.util.List;

/** Reading applications, events and provinces. A provider sees only its own; a reviewer only its provinces'. */
public interface QueryApplicationsUseCase {
    /** Largest page; a larger request is cut to it. */
    int MAX_PAGE_SIZE = 500;
    /** The page size when none is asked for. */
    int DEFAULT_PAGE_SIZE = 50;

    Outcome<ApplicationView> get(Caller caller, String applicationId);

    /** The provider's applications, optionally of one status ({@code null}: all). */
    Outcome<ApplicationPage> list(ProviderId provider, ApplicationStatus status, int pageSize, String pageToken);

    /** Applications ready for review in the province ({@code null}: all the reviewer's provinces). */
    Outcome<ApplicationPage> listReadyForReview(Caller.Reviewer reviewer, String province, int pageSize, String pageToken);

    /** The provider's events after {@code afterSequence}, at most {@code limit}. */
    List<RecordedEvent> events(ProviderId provider, long afterSequence, int limit);

    List<Province> provinces();
}
