package beian.verify.core.testing;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ApplicationState;
import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.RequestId;
import beian.verify.core.domain.VerificationTarget;
import beian.verify.core.domain.Website;
import beian.verify.core.port.out.ApplicationQueries;
import beian.verify.core.port.out.ApplicationRepository;
import beian.verify.core.port.out.DueApplications;
import beian.verify.core.port.out.DuplicateRequestException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Applications in a sorted map; every method needs a transaction, like the real one. An update
 * writes what the real one writes (the progress and the changed targets only), so a use case that
 * forgets to mark a change loses it here too.
 */
public final class InMemoryApplicationRepository extends InMemoryTable<ApplicationId, InMemoryApplicationRepository.Stored>
        implements ApplicationRepository, ApplicationQueries, DueApplications {

    /** One stored application with its websites. */
    record Stored(ApplicationState state, List<Website> websites) {
    }

    public InMemoryApplicationRepository(InMemoryTransactions tx) {
        super(tx, TreeMap::new);
    }

    @Override
    public void insert(FilingApplication application, List<Website> websites) {
        ApplicationState state = application.state();
        if (findByRequest(state.provider(), state.facts().requestId()).isPresent()) {
            throw new DuplicateRequestException("request " + state.facts().requestId() + " of " + state.provider());
        }
        if (rows().containsKey(state.id())) {
            throw new IllegalStateException("duplicate id " + state.id());
        }
        rows().put(state.id(), new Stored(new ApplicationState(state.facts(), state.targets(), state.progress(), 0),
                List.copyOf(websites)));
    }

    @Override
    public void update(FilingApplication application) {
        ApplicationState changed = application.state();
        Stored current = rows().get(changed.id());
        if (current == null) {
            throw new IllegalStateException("no application " + changed.id());
        }
        if (current.state().version() != changed.version()) {
            throw new IllegalStateException("stale update of " + changed.id());
        }
        Map<Integer, VerificationTarget> written = application.changedTargets().stream()
                .collect(Collectors.toMap(VerificationTarget::number, t -> t));
        List<VerificationTarget> targets = current.state().targets().stream()
                .map(t -> written.getOrDefault(t.number(), t)).toList();
        rows().put(changed.id(), new Stored(new ApplicationState(current.state().facts(), targets, changed.progress(),
                changed.version() + 1), current.websites()));
    }

    @Override
    public Optional<ApplicationState> findById(ApplicationId id) {
        return Optional.ofNullable(rows().get(id)).map(Stored::state);
    }

    @Override
    public Optional<ApplicationState> lockById(ApplicationId id) {
        return findById(id);
    }

    @Override
    public Optional<ApplicationState> findByRequest(ProviderId provider, RequestId requestId) {
        return rows().values().stream().map(Stored::state)
                .filter(a -> a.provider().equals(provider) && a.facts().requestId().equals(requestId)).findFirst();
    }

    @Override
    public List<ApplicationState> lockOpenByPhone(PhoneNumber phone, Instant now) {
        return select(a -> (a.status() == ApplicationStatus.PENDING_VERIFICATION
                || a.status() == ApplicationStatus.READY_FOR_REVIEW) && now.isBefore(a.facts().deadline())
                && a.targets().stream().anyMatch(t -> t.phone().equals(phone)), Integer.MAX_VALUE);
    }

    @Override
    public java.util.Set<ProvinceCode> provincesOpenOnPhone(PhoneNumber phone, Instant now) {
        return lockOpenByPhone(phone, now).stream().map(ApplicationState::province)
                .collect(Collectors.toSet());
    }

    @Override
    public List<Website> websitesOf(ApplicationId id) {
        return Optional.ofNullable(rows().get(id)).map(Stored::websites).orElse(List.of());
    }

    @Override
    public List<ApplicationId> findDueForReturn(Instant now, int limit) {
        return select(a -> a.status() == ApplicationStatus.PENDING_VERIFICATION && !now.isBefore(a.facts().deadline()),
                limit).stream().map(ApplicationState::id).toList();
    }

    @Override
    public List<ApplicationId> findDueForAutoResend(Instant now, int limit) {
        return select(a -> a.status() == ApplicationStatus.PENDING_VERIFICATION && !a.progress().autoResendDone()
                && a.facts().autoResendAt() != null && !now.isBefore(a.facts().autoResendAt())
                && now.isBefore(a.facts().deadline()), limit).stream().map(ApplicationState::id).toList();
    }

    @Override
    public List<ApplicationState> listByProvider(ProviderId provider, ApplicationStatus status, ApplicationId after,
                                                 int limit) {
        return select(a -> a.provider().equals(provider) && (status == null || a.status() == status)
                && (after == null || a.id().compareTo(after) > 0), limit);
    }

    @Override
    public List<ApplicationState> listByStatusAndProvinces(ApplicationStatus status, List<ProvinceCode> provinces,
                                                           ApplicationId after, int limit) {
        return select(a -> a.status() == status && provinces.contains(a.province())
                && (after == null || a.id().compareTo(after) > 0), limit);
    }

    private List<ApplicationState> select(Predicate<ApplicationState> filter, int limit) {
        List<ApplicationState> out = new ArrayList<>();
        for (Stored stored : rows().values()) {
            if (out.size() >= limit) {
                break;
            }
            if (filter.test(stored.state())) {
                out.add(stored.state());
            }
        }
        return out;
    }

    /**
     * Replaces a stored target with {@code change} of it, for a test that needs a shape the service no
     * longer writes (a target stored before one code per target). Inside a transaction, as every method.
     */
    public void rewriteTarget(ApplicationId id, int number, UnaryOperator<VerificationTarget> change) {
        Stored stored = rows().get(id);
        ApplicationState state = stored.state();
        rows().put(id, new Stored(new ApplicationState(state.facts(), state.targets().stream()
                .map(t -> t.number() == number ? change.apply(t) : t).toList(), state.progress(), state.version()),
                stored.websites()));
    }

    /** Every stored application, for assertions. */
    public List<ApplicationState> all() {
        return peek().values().stream().map(Stored::state).toList();
    }
}
