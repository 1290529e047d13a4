package beian.verify.adapters.persistence;

import io.micronaut.data.connection.exceptions.ConnectionException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
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

    /**
     * Whether {@code e} means the database could not be reached: no connection from the pool in time
     * (Hikari's {@link SQLTransientConnectionException}), a connection refused or broken (SQL state
     * class 08, or the JDBC connection exceptions), or a communications link that failed. Also Micronaut
     * Data's {@link ConnectionException}: the pooled connection could not be opened, set up or handed
     * back, as when the database dies in the middle of a transaction and resetting the dead connection
     * after the rollback fails with Hikari's "Connection is closed", which has no SQL state (seen as an
     * INTERNAL under load before, DatabaseOutageTest).
     */
    static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof java.net.ConnectException
                    || t instanceof ConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * Whether {@code e} was a wait for a row lock that ran out ({@code beian.db.lock-timeout-ms}): MariaDB's
     * and MySQL's error 1205, H2's 50200, or a statement timeout ({@link java.sql.SQLTimeoutException}).
     */
    static boolean isLockTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && (sql.getErrorCode() == 1205 || sql.getErrorCode() == 50200)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The message of the innermost cause, for a one-line log or answer. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** {@code text} cut to {@code max} characters, for diagnostic text from outside (carrier errors) that must not fail a save. */
    static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
