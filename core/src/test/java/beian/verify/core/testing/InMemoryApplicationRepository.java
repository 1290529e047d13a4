package beian.verify.core.testing;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ApplicationRecord;
import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.RequestId;
import beian.verify.core.port.out.ApplicationRepository;
import beian.verify.core.port.out.DuplicateRequestException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Applications in a sorted map; every method needs a transaction, like the real one. */
public final class InMemoryApplicationRepository extends InMemoryTable<ApplicationId, ApplicationRecord>
        implements ApplicationRepository {

    public InMemoryApplicationRepository(InMemoryTransactions tx) {
        super(tx, TreeMap::new);
    }

    @Override
    public void insert(ApplicationRecord application) {
        if (findByRequest(application.provider(), application.requestId()).isPresent()) {
            throw new DuplicateRequestException("request " + application.requestId() + " of " + application.provider());
        }
        if (rows().containsKey(application.id())) {
            throw new IllegalStateException("duplicate id " + application.id());
        }
        rows().put(application.id(), bump(application, 0));
    }

    @Override
    public void update(ApplicationRecord application) {
        ApplicationRecord current = rows().get(application.id());
        if (current == null) {
            throw new IllegalStateException("no application " + application.id());
        }
        if (current.version() != application.version()) {
            throw new IllegalStateException("stale update of " + application.id());
        }
        rows().put(application.id(), bump(application, application.version() + 1));
    }

    private static ApplicationRecord bump(ApplicationRecord a, long version) {
        return new ApplicationRecord(a.id(), a.provider(), a.requestId(), a.requestFingerprint(), a.type(), a.province(),
                a.subjectName(), a.subjectChanged(), a.subjectPrincipalPhone(), a.websites(), a.targets(), a.status(),
                a.returnReason(), a.submittedAt(), a.deadline(), a.autoResendAt(), a.autoResendDone(), a.filingNumber(),
                a.rejectReason(), version);
    }

    @Override
    public Optional<ApplicationRecord> findById(ApplicationId id) {
        return Optional.ofNullable(rows().get(id));
    }

    @Override
    public Optional<ApplicationRecord> lockById(ApplicationId id) {
        return findById(id);
    }

    @Override
    public Optional<ApplicationRecord> findByRequest(ProviderId provider, RequestId requestId) {
        return rows().values().stream()
                .filter(a -> a.provider().equals(provider) && a.requestId().equals(requestId)).findFirst();
    }

    @Override
    public List<ApplicationRecord> lockOpenByPhone(PhoneNumber phone, Instant now) {
        return select(a -> (a.status() == ApplicationStatus.PENDING_VERIFICATION
                || a.status() == ApplicationStatus.READY_FOR_REVIEW) && now.isBefore(a.deadline())
                && a.targets().stream().anyMatch(t -> t.phone().equals(phone)), Integer.MAX_VALUE);
    }

    @Override
    public List<ApplicationId> findDueForReturn(Instant now, int limit) {
        return select(a -> a.status() == ApplicationStatus.PENDING_VERIFICATION && !now.isBefore(a.deadline()), limit)
                .stream().map(ApplicationRecord::id).toList();
    }

    @Override
    public List<ApplicationId> findDueForAutoResend(Instant now, int limit) {
        return select(a -> a.status() == ApplicationStatus.PENDING_VERIFICATION && !a.autoResendDone()
                && a.autoResendAt() != null && !now.isBefore(a.autoResendAt()) && now.isBefore(a.deadline()), limit)
                .stream().map(ApplicationRecord::id).toList();
    }

    @Override
    public List<ApplicationRecord> listByProvider(ProviderId provider, ApplicationStatus status, ApplicationId after,
                                                  int limit) {
        return select(a -> a.provider().equals(provider) && (status == null || a.status() == status)
                && (after == null || a.id().compareTo(after) > 0), limit);
    }

    @Override
    public List<ApplicationRecord> listByStatusAndProvinces(ApplicationStatus status, List<ProvinceCode> provinces,
                                                            ApplicationId after, int limit) {
        return select(a -> a.status() == status && provinces.contains(a.province())
                && (after == null || a.id().compareTo(after) > 0), limit);
    }

    private List<ApplicationRecord> select(Predicate<ApplicationRecord> filter, int limit) {
        List<ApplicationRecord> out = new ArrayList<>();
        for (ApplicationRecord a : rows().values()) {
            if (out.size() >= limit) {
                break;
            }
            if (filter.test(a)) {
                out.add(a);
            }
        }
        return out;
    }

    /** Every stored application, for assertions. */
    public List<ApplicationRecord> all() {
        return List.copyOf(peek().values());
    }
}
