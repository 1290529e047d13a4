package beian.verify.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Many rows in one statement on the transaction's connection: a multi-row {@code INSERT}, or an {@code UPDATE}
 * of many rows by key with one {@code CASE} per column. One round trip and one statement for the database to
 * run instead of one per row, whatever the driver's batching settings. Rows go in chunks of {@link #CHUNK}, so
 * no statement grows past a few thousand parameters.
 */
final class JdbcBatch {
    static final int CHUNK = 500;

    private JdbcBatch() {
    }

    /** {@code INSERT INTO table (columns) VALUES (...), (...)}: each row holds one value per column. */
    static void insert(Connection connection, String table, List<String> columns, List<Object[]> rows) {
        insert(connection, table, columns, rows, null);
    }

    /**
     * {@link #insert} with {@code ON DUPLICATE KEY UPDATE onDuplicate} (MySQL's form, which H2 takes in its MySQL
     * mode): each row is inserted or, where its key exists, that row updated and locked, in the list's order.
     */
    static void upsert(Connection connection, String table, List<String> columns, List<Object[]> rows,
                       String onDuplicate) {
        insert(connection, table, columns, rows, onDuplicate);
    }

    private static void insert(Connection connection, String table, List<String> columns, List<Object[]> rows,
                               String onDuplicate) {
        for (List<Object[]> chunk : chunks(rows)) {
            String one = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
            String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES "
                    + String.join(", ", Collections.nCopies(chunk.size(), one))
                    + (onDuplicate == null ? "" : " ON DUPLICATE KEY UPDATE " + onDuplicate);
            List<Object> params = new ArrayList<>();
            chunk.forEach(row -> params.addAll(Arrays.asList(row).subList(0, columns.size())));
            int changed = run(connection, table, sql, params);
            if (onDuplicate == null && changed != chunk.size()) {
                throw new IllegalStateException(table + ": " + changed + " of " + chunk.size() + " rows inserted");
            }
        }
    }

    /**
     * Updates each row found by its key: {@code UPDATE table SET c = CASE k WHEN ? THEN ? ... ELSE c END, ...
     * [, constantSet] WHERE k IN (...)}; with a key of several columns, {@code CASE WHEN k1 = ? AND k2 = ? THEN ?}
     * and {@code WHERE k1 IN (...) AND (k1, k2) IN ((?, ?), ...)}. Each row holds the values of {@code columns}, then
     * of {@code keys}. Every row must match exactly one row of the table (the keys name a row, and a key such as
     * a version may make it a condition): otherwise it fails, naming the table, and the caller's transaction rolls
     * back.
     *
     * @param constantSet an assignment for every row updated (e.g. {@code version = version + 1}); {@code null}: none
     */
    static void update(Connection connection, String table, List<String> columns, List<String> keys,
                       String constantSet, List<Object[]> rows) {
        int width = columns.size();
        boolean joins = joinsInUpdate(connection);
        for (List<Object[]> chunk : chunks(rows)) {
            if (joins) {
                updateByJoin(connection, table, columns, keys, constantSet, chunk);
                continue;
            }
            StringBuilder sql = new StringBuilder("UPDATE ").append(table).append(" SET ");
            List<Object> params = new ArrayList<>();
            String match = "(" + String.join(" AND ", keys.stream().map(k -> k + " = ?").toList()) + ")";
            for (int c = 0; c < width; c++) {
                String column = columns.get(c);
                sql.append(c == 0 ? "" : ", ").append(column).append(" = CASE");
                if (keys.size() == 1) {
                    sql.append(' ').append(keys.get(0));
                }
                for (Object[] row : chunk) {
                    sql.append(" WHEN ").append(keys.size() == 1 ? "?" : match).append(" THEN ?");
                    for (int k = 0; k < keys.size(); k++) {
                        params.add(row[width + k]);
                    }
                    params.add(row[c]);
                }
                // the ELSE is never taken (the WHERE names only these rows); it gives the CASE its column's type
                sql.append(" ELSE ").append(column).append(" END");
            }
            if (constantSet != null) {
                sql.append(", ").append(constantSet);
            }
            // the first key's IN list finds the rows by the index (a long OR of ANDs can make the optimizer scan)
            sql.append(" WHERE ").append(keys.get(0)).append(" IN (")
                    .append(String.join(", ", Collections.nCopies(chunk.size(), "?"))).append(')');
            chunk.forEach(row -> params.add(row[width]));
            if (keys.size() > 1) {
                String tuple = "(" + String.join(", ", Collections.nCopies(keys.size(), "?")) + ")";
                sql.append(" AND (").append(String.join(", ", keys)).append(") IN (")
                        .append(String.join(", ", Collections.nCopies(chunk.size(), tuple))).append(')');
                for (Object[] row : chunk) {
                    for (int k = 0; k < keys.size(); k++) {
                        params.add(row[width + k]);
                    }
                }
            }
            int changed = run(connection, table, sql.toString(), params);
            if (changed != chunk.size()) {
                throw new IllegalStateException(table + ": " + changed + " of " + chunk.size() + " rows matched their"
                        + " key: a row is missing or was changed since it was loaded");
            }
        }
    }

    /**
     * MySQL and MariaDB: {@code UPDATE table JOIN (SELECT ? AS v_k, ? AS v_c UNION ALL SELECT ?, ? ...) v ON
     * table.k = v.v_k SET table.c = v.v_c}; linear in the rows, where a {@code CASE} of n branches for n rows
     * makes the server compare n x n keys.
     */
    private static void updateByJoin(Connection connection, String table, List<String> columns, List<String> keys,
                                     String constantSet, List<Object[]> chunk) {
        List<String> names = new ArrayList<>(columns);
        names.addAll(keys);
        String first = "SELECT " + String.join(", ", names.stream().map(n -> "? AS v_" + n).toList());
        String next = "SELECT " + String.join(", ", Collections.nCopies(names.size(), "?"));
        StringBuilder sql = new StringBuilder("UPDATE ").append(table).append(" JOIN (").append(first);
        for (int i = 1; i < chunk.size(); i++) {
            sql.append(" UNION ALL ").append(next);
        }
        sql.append(") v ON ").append(String.join(" AND ", keys.stream().map(k -> table + "." + k + " = v.v_" + k).toList()))
                .append(" SET ").append(String.join(", ", columns.stream().map(c -> table + "." + c + " = v.v_" + c).toList()));
        if (constantSet != null) {
            sql.append(", ").append(constantSet);
        }
        List<Object> params = new ArrayList<>();
        chunk.forEach(row -> params.addAll(Arrays.asList(row).subList(0, names.size())));
        int changed = run(connection, table, sql.toString(), params);
        if (changed != chunk.size()) {
            throw new IllegalStateException(table + ": " + changed + " of " + chunk.size() + " rows matched their"
                    + " key: a row is missing or was changed since it was loaded");
        }
    }

    /** Whether the server takes a multi-table {@code UPDATE} (MySQL, MariaDB); elsewhere (H2) the {@code CASE} form. */
    private static boolean joinsInUpdate(Connection connection) {
        try {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
            return product.contains("mysql") || product.contains("mariadb");
        } catch (SQLException e) {
            throw new IllegalStateException("the database's name: " + e.getMessage(), e);
        }
    }

    private static int run(Connection connection, String table, String sql, List<Object> params) {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(table + ": " + e.getMessage(), e);
        }
    }

    private static List<List<Object[]>> chunks(List<Object[]> rows) {
        List<List<Object[]>> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += CHUNK) {
            out.add(rows.subList(i, Math.min(rows.size(), i + CHUNK)));
        }
        return out;
    }
}
