package beian.verify.core.port.out;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ApplicationState;
import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.RequestId;
import beian.verify.core.domain.Website;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Storage of filing applications for the use cases that change them. Methods named {@code lock*}
 * hold row locks until commit.
 */
public interface ApplicationRepository {

    /**
     * Stores a new application with its targets and websites; fails with
     * {@link DuplicateRequestException} when its (provider, request id) exists.
     */
    void insert(FilingApplication application, List<Website> websites);

    /**
     * Stores what changed: the progress (at the version it was loaded at) and the targets the
     * aggregate names in {@link FilingApplication#changedTargets()}. What was submitted never
     * changes, so nothing else is written.
     */
    void update(FilingApplication application);

    /**
     * Stores what changed of several applications, each as {@link #update} would (the progress at the
     * version it was loaded at, the changed targets); a store may send them together where
     * {@link #update} one by one would take a round trip per application. Fails, like {@link #update},
     * when any of them was changed since it was loaded: the caller's transaction must then roll back,
     * as what else of the call was stored is not said.
     */
    default void updateAll(List<FilingApplication> applications) {
        applications.forEach(this::update);
    }

    /** Loads and locks one application for a change. */
    Optional<ApplicationState> lockById(ApplicationId id);

    /**
     * Loads and locks several applications for a change (those that exist), in id order; a store may
     * do it in one statement where {@link #lockById} one by one would take several per application.
     */
    default List<ApplicationState> lockByIds(List<ApplicationId> ids) {
        return ids.stream().sorted().map(this::lockById).flatMap(Optional::stream).toList();
    }

    Optional<ApplicationState> findByRequest(ProviderId provider, RequestId requestId);

    /**
     * Loads and locks, in id order, the applications still open to codes at {@code now}
     * (PENDING_VERIFICATION or READY_FOR_REVIEW, deadline after {@code now}) that have a target with this phone.
     */
    List<ApplicationState> lockOpenByPhone(PhoneNumber phone, Instant now);

    /**
     * The provinces of the applications {@link #lockOpenByPhone} would load, read without locking: whose
     * reviewers see an attempt on the phone that did not get as far as loading them (DOMAIN.md "Privacy").
     */
    Set<ProvinceCode> provincesOpenOnPhone(PhoneNumber phone, Instant now);

    /**
     * {@link #lockOpenByPhone} for several phones at once: each application once, in id order. For
     * callers that issue codes under every phone's lock (a submission, the auto-resend); a store may
     * find them in one statement where one per phone takes two.
     */
    default List<ApplicationState> lockOpenByPhones(List<PhoneNumber> phones, Instant now) {
        Map<ApplicationId, ApplicationState> open = new TreeMap<>();
        phones.forEach(phone -> lockOpenByPhone(phone, now).forEach(a -> open.putIfAbsent(a.id(), a)));
        return List.copyOf(open.values());
    }

    /** The websites of an application, in the order submitted. */
    List<Website> websitesOf(ApplicationId id);
}
