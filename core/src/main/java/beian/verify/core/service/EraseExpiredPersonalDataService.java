package beian.verify.core.service;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ClosedApplication;
import beian.verify.core.domain.ClosedCount;
import beian.verify.core.domain.RetentionPeriod;
import beian.verify.core.port.in.EraseExpiredPersonalDataUseCase;
import beian.verify.core.port.in.WorkReport;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.ClosedApplicationCounts;
import beian.verify.core.port.out.ErasableApplications;
import beian.verify.core.port.out.TransactionRunner;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Retention (DOMAIN.md "Privacy"): the personal data of applications closed longer than the period
 * is erased, and each is first added to the anonymous counts (day closed in the configured zone,
 * province, filing type, outcome). One transaction per batch, deliberately: an application is
 * counted and erased together or not at all, a crash leaves the batch as it was (the next run takes
 * it again), and the claim skips what another instance holds, so nothing is counted twice.
 */
public final class EraseExpiredPersonalDataService implements EraseExpiredPersonalDataUseCase {
    private final RetentionPeriod period;
    private final ZoneId zone;
    private final TransactionRunner transactions;
    private final AppClock clock;
    private final ErasableApplications erasable;
    private final ClosedApplicationCounts counts;

    public EraseExpiredPersonalDataService(RetentionPeriod period, ZoneId zone, TransactionRunner transactions,
                                           AppClock clock, ErasableApplications erasable,
                                           ClosedApplicationCounts counts) {
        this.period = period;
        this.zone = zone;
        this.transactions = transactions;
        this.clock = clock;
        this.erasable = erasable;
        this.counts = counts;
    }

    @Override
    public WorkReport eraseExpired(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        Instant now = clock.now();
        Instant cutoff = period.cutoff(now);
        return transactions.inTransaction(() -> {
            List<ClosedApplication> batch = erasable.claimClosedBefore(cutoff, batchSize);
            if (!batch.isEmpty()) {
                for (ClosedCount count : tally(batch)) {
                    counts.add(count);
                }
                erasable.erase(batch.stream().map(ClosedApplication::id).toList(), now);
            }
            int audit = batch.size() < batchSize ? erasable.eraseUnattributedAuditBefore(cutoff, batchSize - batch.size())
                    : 0;
            return new WorkReport(batch.size() + audit, 0, List.of());
        });
    }

    /** The batch's counts, one per day, province, type and outcome (fewer writes than one per application). */
    private List<ClosedCount> tally(List<ClosedApplication> batch) {
        Map<List<Object>, ClosedCount> sums = new LinkedHashMap<>();
        for (ClosedApplication application : batch) {
            ClosedCount one = application.count(zone);
            sums.merge(List.of(one.day(), one.province(), one.type(), one.outcome()), one,
                    (a, b) -> new ClosedCount(a.day(), a.province(), a.type(), a.outcome(),
                            a.applications() + b.applications()));
        }
        return List.copyOf(sums.values());
    }
}
