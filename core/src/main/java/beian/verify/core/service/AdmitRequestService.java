package beian.verify.core.service;

import beian.verify.core.port.in.AdmitRequestUseCase;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.RequestCounters;
import beian.verify.core.port.out.TransactionRunner;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Fixed one-minute windows: the n-th request of a client in a window goes ahead while n is at most
 * the limit. One counter increment per request, in the store every instance shares. Across a
 * window's edge a client can get up to twice the limit in a minute; that is the price of one
 * statement per request.
 */
public final class AdmitRequestService implements AdmitRequestUseCase {
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Kept a window longer than it counts, so a purge never races the window's last requests. */
    private static final Duration KEEP = WINDOW.multipliedBy(2);

    private final TransactionRunner transactions;
    private final AppClock clock;
    private final RequestCounters counters;

    public AdmitRequestService(TransactionRunner transactions, AppClock clock, RequestCounters counters) {
        this.transactions = transactions;
        this.clock = clock;
        this.counters = counters;
    }

    @Override
    public Admission admit(AdmitRequestCommand command) {
        Instant now = clock.now();
        Instant windowStart = now.truncatedTo(ChronoUnit.MINUTES);
        long count = transactions.inTransaction(() ->
                counters.increment(command.limit() + "|" + command.client(), windowStart, windowStart.plus(KEEP)));
        if (count <= command.perMinute()) {
            return Admission.ADMITTED;
        }
        long millisLeft = Duration.between(now, windowStart.plus(WINDOW)).toMillis();
        return new Admission(false, Math.max(1, (millisLeft + 999) / 1000));
    }
}
