package beian.verify.core.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where in an input a wrong value sits, e.g. the phone of the principal of the second website:
 * {@code WEBSITES[1] > PRINCIPAL > PHONE}. Adapters render it in their own protocol's spelling.
 */
public record FieldPath(List<Step> steps) {

    /** One field, and its index when the field is a list ({@code -1}: none). */
    public record Step(InputField field, int index) {
        public Step {
            Objects.requireNonNull(field, "field");
        }

        public boolean indexed() {
            return index >= 0;
        }
    }

    public FieldPath {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a field path names at least one field");
        }
    }

    public static FieldPath of(InputField field) {
        return new FieldPath(List.of(new Step(field, -1)));
    }

    /** The element {@code index} of a list field. */
    public static FieldPath of(InputField field, int index) {
        return new FieldPath(List.of(new Step(field, index)));
    }

    /** This path, then {@code field} inside it. */
    public FieldPath then(InputField field) {
        List<Step> longer = new ArrayList<>(steps);
        longer.add(new Step(field, -1));
        return new FieldPath(longer);
    }

    /** The field the path ends at. */
    public InputField last() {
        return steps.get(steps.size() - 1).field();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (Step step : steps) {
            if (!s.isEmpty()) {
                s.append(" > ");
            }
            s.append(step.field());
            if (step.indexed()) {
                s.append('[').append(step.index()).append(']');
            }
        }
        return s.toString();
    }
}
