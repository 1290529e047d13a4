package beian.verify.core.port.out;

import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.PhoneThrottle;

/** Storage of the wrong-code guard per phone. */
public interface PhoneThrottleRepository {
    /** Loads and locks the phone's throttle (an empty one when none is stored), serialising checks of one phone. */
    PhoneThrottle lock(PhoneNumber phone);

    void save(PhoneThrottle throttle);
}
