package beian.verify.core.domain;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An anonymous count that outlives retention: how many applications of one filing type in one
 * province closed with one outcome on one day. Nothing in it points at a person.
 */
public record ClosedCount(LocalDate day, ProvinceCode province, FilingType type, String outcome, long applications) {
    public ClosedCount {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(province, "province");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(outcome, "outcome");
        if (applications < 0) {
            throw new IllegalArgumentException("a count is never negative");
        }
    }
}
