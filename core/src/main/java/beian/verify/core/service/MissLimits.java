package beian.verify.core.service;

import beian.verify.core.domain.ClientNetwork;
import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.NetworkThrottle;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.PhoneThrottle;
import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.port.out.EventStore;
import beian.verify.core.port.out.PhoneThrottleRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The miss limits of DOMAIN.md step 5, shared by the verify and the resend form: misses count per
 * phone and client network (that network is locked out of that phone) and per phone across networks
 * (the phone is locked for everyone, and each provider with a pending target on it hears of it). The
 * phone's throttle row is locked first, so every count of one phone is serialised and exact.
 */
final class MissLimits {
    private final VerificationSettings settings;
    private final PhoneThrottleRepository throttles;
    private final EventStore events;

    MissLimits(VerificationSettings settings, PhoneThrottleRepository throttles, EventStore events) {
        this.settings = settings;
        this.throttles = throttles;
        this.events = events;
    }

    /** Locks the phone's guard and reads the network's: the caller holds them until commit. */
    Guard take(PhoneNumber phone, String clientAddress) {
        PhoneThrottle phoneThrottle = throttles.lock(phone);
        return new Guard(phone, phoneThrottle, throttles.network(phone, ClientNetwork.of(clientAddress)));
    }

    /** The guards of one phone and one network, within one transaction. */
    final class Guard {
        private final PhoneNumber phone;
        private final PhoneThrottle phoneThrottle;
        private final NetworkThrottle networkThrottle;

        private Guard(PhoneNumber phone, PhoneThrottle phoneThrottle, NetworkThrottle networkThrottle) {
            this.phone = phone;
            this.phoneThrottle = phoneThrottle;
            this.networkThrottle = networkThrottle;
        }

        /** Locked for this request: the phone for everyone, or this network out of this phone. */
        boolean locked(Instant now) {
            return phoneThrottle.isLocked(now) || networkThrottle.isLocked(now);
        }

        /**
         * Until when this request is locked out (the later end of the locks running at {@code now}: the
         * phone's, this network's), or empty when it is not.
         */
        Optional<Instant> lockedUntil(Instant now) {
            Instant until = null;
            if (phoneThrottle.isLocked(now)) {
                until = phoneThrottle.lockedUntil();
            }
            if (networkThrottle.isLocked(now)
                    && (until == null || networkThrottle.misses().lockedUntil().isAfter(until))) {
                until = networkThrottle.misses().lockedUntil();
            }
            return Optional.ofNullable(until);
        }

        /**
         * One miss against both limits. When it locks the phone, each of the {@code open}
         * applications with a pending target on it records VERIFICATION_THROTTLED.
         */
        void miss(List<FilingApplication> open, Instant now) {
            throttles.save(networkThrottle.withMiss(now, settings.codeMissLimit(), settings.codeMissWindow(),
                    settings.codeMissLockout()));
            PhoneThrottle next = phoneThrottle.withMiss(now, settings.phoneMissLimit(), settings.phoneMissWindow(),
                    settings.phoneMissLockout());
            throttles.save(next);
            if (next.window().lockedBy(phoneThrottle.window(), now)) {
                for (FilingApplication application : open) {
                    application.recordPhoneThrottled(phone, next.lockedUntil(), now);
                    events.append(application.pullEvents());
                }
            }
        }
    }
}
