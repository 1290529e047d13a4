package beian.verify.core.port.in;

import java.util.List;

/** How a batch of scheduled work went: items done, items found no longer due, and each item that failed. */
public record WorkReport(int done, int skipped, List<ItemError> errors) {
    public static final WorkReport EMPTY = new WorkReport(0, 0, List.of());

    public WorkReport {
        errors = List.copyOf(errors);
    }

    public int handled() {
        return done + skipped + errors.size();
    }

    /** One item that failed, and why; the rest of the batch went on. */
    public record ItemError(String item, String error) {
    }
}
