package beian.verify.adapters.rest;

import beian.verify.core.domain.ClientNetwork;
import beian.verify.core.port.in.AdmitRequestUseCase;
import beian.verify.core.port.in.AdmitRequestUseCase.AdmitRequestCommand;
import beian.verify.core.port.in.AdmitRequestUseCase.Admission;
import io.micronaut.context.env.Environment;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Requests per minute per client network (an IPv4 address, an IPv6 /64: one subscriber's whole
 * prefix) and kind of request, counted by the core's {@link AdmitRequestUseCase} in the store every
 * instance shares (the database: one statement per request), so N instances behind a load balancer
 * enforce one limit, not N.
 *
 * <p>In front of it, this instance remembers the networks it has refused until their window ends:
 * a client that keeps hammering after its 429 costs no database statement. That memory only ever
 * refuses what the shared count refused; it holds at most {@code max-tracked-addresses} entries and
 * drops the least recently used, and a dropped entry only means the next request asks the database.
 *
 * <p>The page, its files and the carriers' callbacks ({@link Kind#PAGE}, {@link Kind#CALLBACK}) are
 * counted here, per instance, in the same one-minute windows: their filter runs on the event loop,
 * where no statement may wait on the database (a database outage would stall every answer, health
 * included), and what they protect is this instance's own work. The kinds that guard the shared
 * resources (captchas, codes, texts) are counted in the database.
 */
@Singleton
final class RateLimiter {
    /** The kinds of request limited separately. */
    enum Kind { CAPTCHA, VERIFY, RESEND, CALLBACK, PAGE }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final RestProperties.RateLimits limits;
    private final AdmitRequestUseCase admissions;
    private final LongSupplier nanoTime;
    private final boolean enabled;
    /** Refused kind|network to the nanoTime its refusal lasts until; in access order, eldest first. */
    private final Map<String, Long> refused = new LinkedHashMap<>(1024, 0.75f, true);
    /** Local kind|network to its window: {minute, count}; in access order, eldest first. */
    private final Map<String, long[]> local = new LinkedHashMap<>(1024, 0.75f, true);

    /** Off in the dev environment (API.md): scripts and tests drive it from one address there. */
    @Inject
    RateLimiter(RestProperties.RateLimits limits, AdmitRequestUseCase admissions, Environment environment) {
        this(limits, admissions, System::nanoTime, !environment.getActiveNames().contains(Environment.DEVELOPMENT));
    }

    RateLimiter(RestProperties.RateLimits limits, AdmitRequestUseCase admissions, LongSupplier nanoTime) {
        this(limits, admissions, nanoTime, true);
    }

    private RateLimiter(RestProperties.RateLimits limits, AdmitRequestUseCase admissions, LongSupplier nanoTime,
                        boolean allowedHere) {
        this.limits = limits;
        this.admissions = admissions;
        this.nanoTime = nanoTime;
        this.enabled = allowedHere && limits.isEnabled();
    }

    /** 0 when the request may go ahead; otherwise the seconds after which it may. */
    long acquire(Kind kind, String address) {
        if (!enabled) {
            return 0;
        }
        String network = network(address);
        String key = kind + "|" + network;
        long now = nanoTime.getAsLong();
        if (kind == Kind.PAGE || kind == Kind.CALLBACK) {
            return countHere(key, perMinute(kind), now);
        }
        synchronized (refused) {
            Long until = refused.get(key);
            if (until != null) {
                long left = until - now;
                if (left > 0) {
                    return Math.max(1, (left + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
                }
                refused.remove(key);
            }
        }
        Admission admission = admissions.admit(new AdmitRequestCommand(kind.name(), network, perMinute(kind)));
        if (admission.admitted()) {
            return 0;
        }
        synchronized (refused) {
            refused.put(key, now + admission.retryAfterSeconds() * NANOS_PER_SECOND);
            Iterator<Long> eldest = refused.values().iterator();
            while (refused.size() > limits.getMaxTrackedAddresses() && eldest.hasNext()) {
                eldest.next();
                eldest.remove();
            }
        }
        return admission.retryAfterSeconds();
    }

    /** This instance's one-minute window for the key: 0 when admitted, else the seconds to its end. */
    private long countHere(String key, int perMinute, long now) {
        long minute = Math.floorDiv(now, 60 * NANOS_PER_SECOND);
        synchronized (local) {
            long[] window = local.get(key);
            if (window == null || window[0] != minute) {
                window = new long[] {minute, 0};
                local.put(key, window);
                Iterator<long[]> eldest = local.values().iterator();
                while (local.size() > limits.getMaxTrackedAddresses() && eldest.hasNext()) {
                    eldest.next();
                    eldest.remove();
                }
            }
            if (window[1] < perMinute) {
                window[1]++;
                return 0;
            }
        }
        long left = (minute + 1) * 60 * NANOS_PER_SECOND - now;
        return Math.max(1, (left + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
    }

    private int perMinute(Kind kind) {
        return switch (kind) {
            case CAPTCHA -> limits.getCaptchaPerMinute();
            case VERIFY -> limits.getVerifyPerMinute();
            case RESEND -> limits.getResendPerMinute();
            case CALLBACK -> limits.getCallbackPerMinute();
            case PAGE -> limits.getPagePerMinute();
        };
    }

    /** The address's network as the core counts misses by; an address that is no IP literal stands for itself. */
    private static String network(String address) {
        ClientNetwork network = ClientNetwork.of(address);
        return network.equals(ClientNetwork.UNKNOWN) ? String.valueOf(address) : network.value();
    }

    /** How many refusals this instance remembers. */
    int tracked() {
        synchronized (refused) {
            return refused.size();
        }
    }
}
