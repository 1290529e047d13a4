package beian.verify.adapters.grpc;

import beian.verify.core.domain.FieldPath;
import java.util.Locale;

/**
 * Spells the core's field paths as the proto's field paths: snake_case names, dots between
 * fields, {@code [i]} for a list element, e.g. {@code websites[1].principal.id_number}.
 */
final class GrpcFieldPaths {
    private GrpcFieldPaths() {
    }

    static String of(FieldPath path) {
        StringBuilder s = new StringBuilder();
        for (FieldPath.Step step : path.steps()) {
            if (!s.isEmpty()) {
                s.append('.');
            }
            s.append(step.field().name().toLowerCase(Locale.ROOT));
            if (step.indexed()) {
                s.append('[').append(step.index()).append(']');
            }
        }
        return s.toString();
    }
}
