package beian.verify.core.port.out;

import beian.verify.core.domain.ClientNetwork;
import beian.verify.core.domain.NetworkThrottle;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.PhoneThrottle;
import java.time.Instant;
import java.util.List;

/** Storage of the wrong-code guards: per phone, and per phone and client network. */
public interface PhoneThrottleRepository {
    /** Loads and locks the phone's throttle (an empty one when none is stored), serialising checks of one phone. */
    PhoneThrottle lock(PhoneNumber phone);

    /**
     * Takes the phone's lock as {@link #lock} does, for a caller that does not need the throttle's
     * content (issuing codes): a store may then do it in fewer steps.
     */
    default void hold(PhoneNumber phone) {
        lock(phone);
    }

    /**
     * {@link #hold} of each phone, in the list's order (callers sort it, so every path takes phones'
     * locks in one order and none deadlocks); a store may take them in one statement.
     */
    default void holdAll(List<PhoneNumber> phones) {
        phones.forEach(this::hold);
    }

    void save(PhoneThrottle throttle);

    /**
     * The misses of one network for one phone (none when none are stored). Read under the phone's
     * lock ({@link #lock}), which serialises every change of them.
     */
    NetworkThrottle network(PhoneNumber phone, ClientNetwork network);

    void save(NetworkThrottle throttle);

    /**
     * Drops the per-network counts that no longer count: every miss before {@code missesBefore} (or
     * none) and no lock running at {@code now}. Returns how many.
     */
    int purgeIdleNetworks(Instant missesBefore, Instant now);
}
