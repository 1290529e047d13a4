package beian.verify.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.port.in.WorkReport.ItemError;
import beian.verify.core.port.in.WorkReport;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A job takes batches until one comes back short, and never spins on items that keep failing. */
class BatchesTest {
    static WorkReport done(int n) {
        return new WorkReport(n, 0, List.of());
    }

    static WorkReport failed(int n) {
        return new WorkReport(0, 0, Collections.nCopies(n, new ItemError("x", "boom")));
    }

    int run(WorkReport... reports) {
        Deque<WorkReport> script = new ArrayDeque<>(List.of(reports));
        int[] calls = {0};
        Batches.drain("test", 3, size -> {
            calls[0]++;
            return script.isEmpty() ? WorkReport.EMPTY : script.removeFirst();
        }, LoggerFactory.getLogger(BatchesTest.class));
        return calls[0];
    }

    @Test
    void fullBatchesAreFollowedByAnotherUntilOneComesBackShort() {
        assertThat(run(done(3), new WorkReport(1, 2, List.of()), done(2), done(3))).isEqualTo(3);
    }

    @Test
    void aFullBatchOfFailuresWaitsForTheNextTick() {
        assertThat(run(failed(3), done(3))).isEqualTo(1);
    }

    @Test
    void itemsThatKeepComingBackStopAtTheGuard() {
        assertThat(run(endless()))
                .isEqualTo(Batches.MAX_BATCHES_PER_RUN);
    }

    private static WorkReport[] endless() {
        WorkReport[] reports = new WorkReport[Batches.MAX_BATCHES_PER_RUN + 5];
        java.util.Arrays.fill(reports, new WorkReport(0, 3, List.of()));
        return reports;
    }
}
