package beian.verify.core.testing;

import beian.verify.core.domain.ClientNetwork;
import beian.verify.core.domain.NetworkThrottle;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.PhoneThrottle;
import beian.verify.core.port.out.PhoneThrottleRepository;
import java.util.HashMap;
import java.time.Instant;
import java.util.List;

/** Throttles per phone, and per phone and network (keyed by a two-element list). */
public final class InMemoryPhoneThrottles extends InMemoryTable<Object, Object>
        implements PhoneThrottleRepository {

    public InMemoryPhoneThrottles(InMemoryTransactions tx) {
        super(tx, HashMap::new);
    }

    @Override
    public PhoneThrottle lock(PhoneNumber phone) {
        return (PhoneThrottle) rows().getOrDefault(phone, PhoneThrottle.none(phone));
    }

    @Override
    public void save(PhoneThrottle throttle) {
        rows().put(throttle.phoneKey(), throttle);
    }

    @Override
    public NetworkThrottle network(PhoneNumber phone, ClientNetwork network) {
        return (NetworkThrottle) rows().getOrDefault(List.of(phone, network), NetworkThrottle.none(phone, network));
    }

    @Override
    public void save(NetworkThrottle throttle) {
        rows().put(List.of(throttle.phone(), throttle.network()), throttle);
    }

    @Override
    public int purgeIdleNetworks(Instant missesBefore, Instant now) {
        int before = rows().size();
        rows().values().removeIf(row -> row instanceof NetworkThrottle n
                && !n.misses().isLocked(now)
                && n.misses().recentMisses().stream().noneMatch(miss -> !miss.isBefore(missesBefore)));
        return before - rows().size();
    }

    /** The phones with a stored phone-wide throttle, for assertions. */
    public java.util.Set<PhoneNumber> phonesStored() {
        return peek().keySet().stream().filter(k -> k instanceof PhoneNumber).map(k -> (PhoneNumber) k)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The phones with a stored per-network throttle, for assertions. */
    public java.util.Set<PhoneNumber> networksStored() {
        return peek().values().stream().filter(v -> v instanceof NetworkThrottle).map(v -> ((NetworkThrottle) v).phone())
                .collect(java.util.stream.Collectors.toSet());
    }
}
