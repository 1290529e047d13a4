package beian.verify.core.service;

import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.port.out.PhoneThrottleRepository;
import java.util.Collection;
import java.util.Comparator;

/**
 * Serialises code issuance per phone across transactions and instances: the phones' throttle rows
 * are taken as locks, in phone order, before codes are drawn, so two submissions at once cannot
 * both hand out a code the other is about to take. Every path that locks a phone takes it before
 * any application row, so the two kinds of lock never deadlock.
 */
final class PhoneLocks {
    private PhoneLocks() {
    }

    static void lock(PhoneThrottleRepository throttles, Collection<PhoneNumber> phones) {
        throttles.holdAll(phones.stream().distinct().sorted(Comparator.comparing(PhoneNumber::value)).toList());
    }
}
