package beian.verify.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * One statement run for many rows as a JDBC batch on the transaction's connection: one round trip (or, with
 * Connector/J's {@code rewriteBatchedStatements}, one multi-row statement) instead of one per row.
 */
final class JdbcBatch {
    private JdbcBatch() {
    }

    /**
     * Runs {@code sql} once per row of parameters. Each row's update count is checked against {@code expected}
     * where the driver reports it ({@link Statement#SUCCESS_NO_INFO} when it rewrote the batch into one
     * statement; then the caller's row locks are what make the rows certain).
     *
     * @param expected the update count each row must have; negative: not checked
     */
    static void run(Connection connection, String table, String sql, List<Object[]> rows, int expected) {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    s.setObject(i + 1, row[i]);
                }
                s.addBatch();
            }
            int[] counts = s.executeBatch();
            for (int i = 0; i < counts.length && expected >= 0; i++) {
                if (counts[i] >= 0 && counts[i] != expected) {
                    throw new IllegalStateException(table + ": a batched statement changed " + counts[i]
                            + " rows where " + expected + " was expected (row " + i + " of " + rows.size() + ")");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(table + ": " + e.getMessage(), e);
        }
    }
}
