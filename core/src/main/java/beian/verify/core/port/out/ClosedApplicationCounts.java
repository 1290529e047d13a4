package beian.verify.core.port.out;

import beian.verify.core.domain.ClosedCount;
import java.time.LocalDate;
import java.util.List;

/** The anonymous counts that survive retention: per day, province, filing type and outcome. */
public interface ClosedApplicationCounts {

    /** Adds {@code count.applications()} to the count of its day, province, type and outcome, in the caller's transaction. */
    void add(ClosedCount count);

    /** The counts of the days in {@code [from, to)}, by day, province, type and outcome. */
    List<ClosedCount> between(LocalDate from, LocalDate to);
}
