package beian.verify.core.testing;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ApplicationState;
import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.ClosedApplication;
import beian.verify.core.domain.ClosedCount;
import beian.verify.core.domain.NetworkThrottle;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.PhoneThrottle;
import beian.verify.core.domain.VerificationTarget;
import beian.verify.core.port.out.ClosedApplicationCounts;
import beian.verify.core.port.out.ErasableApplications;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.stream.Collectors;

/**
 * Retention on the other fakes: erases across them as the real adapter erases across tables, in the
 * caller's transaction; the counts are a table of its own. Claims lock nothing (one thread).
 */
public final class InMemoryRetention extends InMemoryTable<List<Object>, ClosedCount>
        implements ErasableApplications, ClosedApplicationCounts {
    private final InMemoryApplicationRepository applications;
    private final InMemorySmsOutbox outbox;
    private final InMemoryAuditTrail audit;
    private final InMemoryPhoneThrottles throttles;
    private final InMemoryEventStore events;

    public InMemoryRetention(InMemoryTransactions tx, InMemoryApplicationRepository applications,
                             InMemorySmsOutbox outbox, InMemoryAuditTrail audit, InMemoryPhoneThrottles throttles,
                             InMemoryEventStore events) {
        super(tx, LinkedHashMap::new);
        this.applications = applications;
        this.outbox = outbox;
        this.audit = audit;
        this.throttles = throttles;
        this.events = events;
    }

    @Override
    public List<ClosedApplication> claimClosedBefore(Instant cutoff, int limit) {
        return applications.rows().values().stream().map(InMemoryApplicationRepository.Stored::state)
                .filter(a -> a.status().isClosed() && a.progress().closedAt().isBefore(cutoff))
                .sorted(Comparator.comparing((ApplicationState a) -> a.progress().closedAt()))
                .limit(limit)
                .map(a -> new ClosedApplication(a.id(), a.province(), a.facts().type(), a.status(),
                        a.progress().returnReason(), a.progress().closedAt()))
                .toList();
    }

    @Override
    public void erase(List<ApplicationId> ids, Instant now) {
        Set<PhoneNumber> phones = ids.stream().map(applications.rows()::get).filter(java.util.Objects::nonNull)
                .flatMap(s -> s.state().targets().stream()).map(VerificationTarget::phone).collect(Collectors.toSet());
        for (ApplicationId id : ids) {
            applications.rows().remove(id);
            List<String> sms = outbox.rows().values().stream().filter(s -> s.applicationId().equals(id))
                    .map(OutboundSms::id).toList();
            sms.forEach(outbox.rows()::remove);
            audit.erase(e -> id.equals(e.applicationId()), Integer.MAX_VALUE);
            events.erase(id);
        }
        for (PhoneNumber phone : phones) {
            boolean open = applications.rows().values().stream().map(InMemoryApplicationRepository.Stored::state)
                    .anyMatch(a -> (a.status() == ApplicationStatus.PENDING_VERIFICATION
                            || a.status() == ApplicationStatus.READY_FOR_REVIEW)
                            && a.targets().stream().anyMatch(t -> t.phone().equals(phone)));
            Object stored = throttles.rows().get(phone);
            if (open || stored instanceof PhoneThrottle p && p.isLocked(now)) {
                continue;
            }
            throttles.rows().remove(phone);
            throttles.rows().entrySet().removeIf(e -> e.getValue() instanceof NetworkThrottle n
                    && n.phone().equals(phone) && !n.isLocked(now));
        }
    }

    @Override
    public int eraseUnattributedAuditBefore(Instant cutoff, int limit) {
        return audit.erase(e -> e.applicationId() == null && e.at().isBefore(cutoff), limit);
    }

    @Override
    public void add(ClosedCount count) {
        List<Object> key = List.of(count.day(), count.province().value(), count.type().name(), count.outcome());
        ClosedCount old = rows().get(key);
        rows().put(key, old == null ? count : new ClosedCount(count.day(), count.province(), count.type(),
                count.outcome(), old.applications() + count.applications()));
    }

    @Override
    public List<ClosedCount> between(LocalDate from, LocalDate to) {
        return rows().values().stream().filter(c -> !c.day().isBefore(from) && c.day().isBefore(to)).toList();
    }
}
