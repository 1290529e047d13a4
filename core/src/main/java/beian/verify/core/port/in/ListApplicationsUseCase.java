package beian.verify.core.port.in;

import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.ProviderId;

/** A provider's own applications, page by page. */
public interface ListApplicationsUseCase {

    Outcome<ApplicationPage> list(ListApplicationsQuery query);

    /** @param status {@code null}: every status; @param pageSize 0: the default; larger than the most: cut to it */
    record ListApplicationsQuery(ProviderId provider, ApplicationStatus status, int pageSize, String pageToken) {
    }
}
