package beian.verify.core.testing;

import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.PhoneThrottle;
import beian.verify.core.port.out.PhoneThrottleRepository;
import java.util.HashMap;

/** Throttles per phone. */
public final class InMemoryPhoneThrottles extends InMemoryTable<PhoneNumber, PhoneThrottle>
        implements PhoneThrottleRepository {

    public InMemoryPhoneThrottles(InMemoryTransactions tx) {
        super(tx, HashMap::new);
    }

    @Override
    public PhoneThrottle lock(PhoneNumber phone) {
        return rows().getOrDefault(phone, PhoneThrottle.none(phone));
    }

    @Override
    public void save(PhoneThrottle throttle) {
        rows().put(throttle.phoneKey(), throttle);
    }
}
