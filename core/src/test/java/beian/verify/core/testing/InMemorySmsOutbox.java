package beian.verify.core.testing;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.port.out.SmsOutbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/** The outbox in insertion order. */
public final class InMemorySmsOutbox extends InMemoryTable<String, OutboundSms> implements SmsOutbox {

    public InMemorySmsOutbox(InMemoryTransactions tx) {
        super(tx, LinkedHashMap::new);
    }

    @Override
    public void enqueue(OutboundSms sms) {
        if (rows().putIfAbsent(sms.id(), sms) != null) {
            throw new IllegalStateException("duplicate outbox id " + sms.id());
        }
    }

    @Override
    public List<OutboundSms> claimDue(Instant now, Instant leaseUntil, int limit) {
        List<OutboundSms> claimed = new ArrayList<>();
        for (OutboundSms sms : rows().values()) {
            if (claimed.size() >= limit) {
                break;
            }
            if (sms.status() == OutboundSms.OutboxStatus.QUEUED && !sms.nextAttemptAt().isAfter(now)
                    && (sms.leaseUntil() == null || !sms.leaseUntil().isAfter(now))) {
                claimed.add(sms.leased(leaseUntil));
            }
        }
        claimed.forEach(s -> rows().put(s.id(), s));
        return claimed;
    }

    @Override
    public void release(List<String> ids) {
        for (String id : ids) {
            OutboundSms sms = rows().get(id);
            if (sms != null) {
                rows().put(id, sms.leased(null));
            }
        }
    }

    @Override
    public Optional<OutboundSms> find(String id) {
        return Optional.ofNullable(rows().get(id));
    }

    @Override
    public List<Queued> queuedOf(Collection<ApplicationId> applications) {
        return rows().values().stream()
                .filter(s -> s.status() == OutboundSms.OutboxStatus.QUEUED && applications.contains(s.applicationId()))
                .map(s -> new Queued(s.applicationId(), s.targetNumber(), s.nextAttemptAt())).toList();
    }

    @Override
    public Optional<OutboundSms> lockByCarrierReference(String carrierReference) {
        return rows().values().stream().filter(s -> carrierReference.equals(s.carrierReference())).findFirst();
    }

    @Override
    public void update(OutboundSms sms) {
        if (!rows().containsKey(sms.id())) {
            throw new IllegalStateException("no outbox entry " + sms.id());
        }
        rows().put(sms.id(), sms);
    }

    /** Every message, for assertions. */
    public List<OutboundSms> all() {
        return List.copyOf(peek().values());
    }
}
