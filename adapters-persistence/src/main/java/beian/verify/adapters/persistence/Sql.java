package beian.verify.adapters.persistence;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Locale;

/** What a failed statement means, the same on MySQL/MariaDB (Connector/J) and H2. */
final class Sql {
    private Sql() {
    }

    /** Whether {@code e} was caused by a duplicate key on the named unique constraint. */
    static boolean isUniqueViolation(Throwable e, String constraint) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (t instanceof SQLIntegrityConstraintViolationException
                    || "23000".equals(sql.getSQLState()) || "23505".equals(sql.getSQLState()))) {
                String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
                return message.contains(constraint.toLowerCase(Locale.ROOT));
            }
        }
        return false;
    }

    /** {@code text} cut to {@code max} characters, for diagnostic text from outside (carrier errors) that must not fail a save. */
    static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
