package beian.verify.core.service;

import beian.verify.core.port.in.WorkReport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/** Runs a batch item by item: one item's failure is reported and the rest go on. */
final class PerItem {
    private PerItem() {
    }

    /** {@code item} answers whether it did something (false: no longer due). */
    static <T> WorkReport run(List<T> items, Function<T, String> name, Predicate<T> item) {
        int done = 0;
        int skipped = 0;
        List<WorkReport.ItemError> errors = new ArrayList<>();
        for (T each : items) {
            try {
                if (item.test(each)) {
                    done++;
                } else {
                    skipped++;
                }
            } catch (RuntimeException e) {
                errors.add(new WorkReport.ItemError(name.apply(each), e.toString()));
            }
        }
        return new WorkReport(done, skipped, errors);
    }
}
