package beian.verify.app.jobs;

import beian.verify.core.port.in.WorkReport.ItemError;
import beian.verify.core.port.in.WorkReport;
import beian.verify.core.port.out.StorageUnavailableException;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.slf4j.Logger;

/** Runs one kind of due work batch after batch until a batch comes back short, reporting each failed item. */
final class Batches {
    /** A guard: items that keep coming back "no longer due" would otherwise keep one tick going forever. */
    static final int MAX_BATCHES_PER_RUN = 1000;

    private Batches() {
    }

    /** Runs batches until one comes back short (or a full one moved nothing); logs the totals. */
    static void drain(String work, int batchSize, IntFunction<WorkReport> batch, Logger log) {
        drain(work, batchSize, batch, log, () -> false);
    }

    /** As above, taking no further batch once {@code stopping} answers true (the service is stopping). */
    static void drain(String work, int batchSize, IntFunction<WorkReport> batch, Logger log, BooleanSupplier stopping) {
        int done = 0;
        int skipped = 0;
        int failed = 0;
        WorkReport report;
        int batches = 0;
        do {
            batches++;
            report = batch.apply(batchSize);
            done += report.done();
            skipped += report.skipped();
            failed += report.errors().size();
            for (ItemError error : report.errors()) {
                log.warn("{}: item {} failed, it stays due: {}", work, error.item(), error.error());
            }
            // A full batch of failures only would bring the same items back at once: wait for the next tick.
        } while (report.handled() >= batchSize && report.errors().size() < report.handled()
                && batches < MAX_BATCHES_PER_RUN && !Thread.currentThread().isInterrupted() && !stopping.getAsBoolean());
        if (done + skipped + failed > 0) {
            log.info("{}: {} done, {} no longer due, {} failed", work, done, skipped, failed);
        }
    }

    /**
     * A run that failed as a whole: the database being unreachable is expected while it is down (one
     * line, no trace, every tick until it returns); anything else is an error with its trace.
     */
    static void failed(String work, RuntimeException e, Logger log) {
        if (e instanceof StorageUnavailableException) {
            log.warn("{}: {}; retried on the next tick", work, e.getMessage());
        } else {
            log.error("{}: failed, retried on the next tick", work, e);
        }
    }
}
