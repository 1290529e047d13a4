package beian.verify.core.port.out;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ApplicationRecord;
import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.RequestId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage of filing applications with their targets. Methods named {@code lock*} hold row locks until commit. */
public interface ApplicationRepository {

    /** Stores a new application; fails with {@link DuplicateRequestException} when its (provider, request id) exists. */
    void insert(ApplicationRecord application);

    /**
     * Stores a changed application (the version it was loaded at is in the record). What was
     * submitted — subject, websites, the targets' people and phones, deadline — never changes, so
     * an implementation may write only the status, review outcome and the targets' progress.
     */
    void update(ApplicationRecord application);

    Optional<ApplicationRecord> findById(ApplicationId id);

    /** Loads and locks one application for a change. */
    Optional<ApplicationRecord> lockById(ApplicationId id);

    Optional<ApplicationRecord> findByRequest(ProviderId provider, RequestId requestId);

    /**
     * Loads and locks, in id order, the applications still open to codes at {@code now}
     * (PENDING_VERIFICATION or READY_FOR_REVIEW, deadline after {@code now}) that have a target with this phone.
     */
    List<ApplicationRecord> lockOpenByPhone(PhoneNumber phone, Instant now);

    /** Ids of PENDING_VERIFICATION applications whose deadline is at or before {@code now}. */
    List<ApplicationId> findDueForReturn(Instant now, int limit);

    /** Ids of PENDING_VERIFICATION applications whose automatic resend is due and not done, before their deadline. */
    List<ApplicationId> findDueForAutoResend(Instant now, int limit);

    /** A provider's applications in id order after {@code after}, optionally of one status. */
    List<ApplicationRecord> listByProvider(ProviderId provider, ApplicationStatus status, ApplicationId after, int limit);

    /** Applications of the given provinces in one status, in id order after {@code after}. */
    List<ApplicationRecord> listByStatusAndProvinces(ApplicationStatus status, List<ProvinceCode> provinces,
                                                     ApplicationId after, int limit);
}
