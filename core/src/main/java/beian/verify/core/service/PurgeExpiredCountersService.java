package beian.verify.core.service;

import beian.verify.core.domain.VerificationSettings;
import beian.verify.core.port.in.PurgeExpiredCountersUseCase;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.PhoneThrottleRepository;
import beian.verify.core.port.out.RequestCounters;
import beian.verify.core.port.out.TransactionRunner;
import java.time.Instant;

/**
 * Forgets request windows that ended and per-network miss counts that no longer count: every miss
 * older than {@code code-miss-window} and no lock running. Such a row is the same as no row, so
 * dropping it changes no answer.
 */
public final class PurgeExpiredCountersService implements PurgeExpiredCountersUseCase {
    private final VerificationSettings settings;
    private final TransactionRunner transactions;
    private final AppClock clock;
    private final RequestCounters counters;
    private final PhoneThrottleRepository throttles;

    public PurgeExpiredCountersService(VerificationSettings settings, TransactionRunner transactions, AppClock clock,
                                       RequestCounters counters, PhoneThrottleRepository throttles) {
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
        this.counters = counters;
        this.throttles = throttles;
    }

    @Override
    public int purgeExpired() {
        Instant now = clock.now();
        int windows = transactions.inTransaction(() -> counters.purgeExpired(now));
        int networks = transactions.inTransaction(() ->
                throttles.purgeIdleNetworks(now.minus(settings.codeMissWindow()), now));
        return windows + networks;
    }
}
