package beian.verify.core.testing;

import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.PhoneThrottle;
import beian.verify.core.port.out.PhoneThrottleRepository;
import java.util.HashMap;
import java.util.Map;

/** Throttles per phone. */
public final class InMemoryPhoneThrottles implements PhoneThrottleRepository, InMemoryTransactions.Participant {
    private final InMemoryTransactions tx;
    private Map<PhoneNumber, PhoneThrottle> rows = new HashMap<>();

    public InMemoryPhoneThrottles(InMemoryTransactions tx) {
        this.tx = tx;
        tx.enlist(this);
    }

    @Override
    public PhoneThrottle lock(PhoneNumber phone) {
        tx.requireTransaction();
        return rows.getOrDefault(phone, PhoneThrottle.none(phone));
    }

    @Override
    public void save(PhoneThrottle throttle) {
        tx.requireTransaction();
        rows.put(throttle.phoneKey(), throttle);
    }

    @Override
    public Object snapshot() {
        return new HashMap<>(rows);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restore(Object snapshot) {
        rows = new HashMap<>((Map<PhoneNumber, PhoneThrottle>) snapshot);
    }
}
