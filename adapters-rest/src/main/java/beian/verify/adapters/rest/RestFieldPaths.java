package beian.verify.adapters.rest;

import beian.verify.core.domain.FieldPath;
import java.util.Locale;

/** Spells the core's field paths as this API's JSON members: lower camelCase, e.g. {@code idTail}. */
final class RestFieldPaths {
    private RestFieldPaths() {
    }

    static String of(FieldPath path) {
        StringBuilder s = new StringBuilder();
        for (FieldPath.Step step : path.steps()) {
            if (!s.isEmpty()) {
                s.append('.');
            }
            String[] words = step.field().name().toLowerCase(Locale.ROOT).split("_");
            s.append(words[0]);
            for (int i = 1; i < words.length; i++) {
                s.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
            }
            if (step.indexed()) {
                s.append('[').append(step.index()).append(']');
            }
        }
        return s.toString();
    }
}
