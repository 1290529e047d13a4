package beian.verify.core.port.out;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ApplicationState;
import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.ProvinceCode;
import java.util.List;
import java.util.Optional;

/** Reading applications without locking them: what callers look at. */
public interface ApplicationQueries {

    Optional<ApplicationState> findById(ApplicationId id);

    /**
     * Several applications (those that exist), in id order, without locking them; a store may do it in one
     * statement where {@link #findById} one by one would take several per application.
     */
    default List<ApplicationState> findByIds(List<ApplicationId> ids) {
        return ids.stream().distinct().sorted().map(this::findById).flatMap(Optional::stream).toList();
    }

    /** A provider's applications in id order after {@code after} ({@code null}: from the start), optionally of one status. */
    List<ApplicationState> listByProvider(ProviderId provider, ApplicationStatus status, ApplicationId after, int limit);

    /** Applications of the given provinces in one status, in id order after {@code after}. */
    List<ApplicationState> listByStatusAndProvinces(ApplicationStatus status, List<ProvinceCode> provinces,
                                                    ApplicationId after, int limit);
}
