package beian.verify.adapters.persistence;

import beian.verify.core.port.out.RequestCounters;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Request windows in {@code request_window}, shared by every instance. On MariaDB one statement per
 * request: {@code INSERT … ON DUPLICATE KEY UPDATE hits = hits + 1 RETURNING hits} increments and
 * reads under the row's lock, so concurrent instances never lose a count. MySQL and H2 have no
 * {@code RETURNING}: there the same upsert is followed by a read of the row in the same transaction
 * (the upsert holds the row's lock until commit). The key is a blind index: no address is stored.
 */
@Singleton
class JdbcRequestCounters implements RequestCounters {
    private static final String PURPOSE = "request-window";
    private static final String UPSERT = "INSERT INTO request_window (counter_key, window_start, hits, keep_until)"
            + " VALUES (?, ?, 1, ?) ON DUPLICATE KEY UPDATE hits = hits + 1";

    private final TransactionOperations<Connection> transactions;
    private final PersonalDataCipher cipher;
    private volatile Boolean returning;

    JdbcRequestCounters(TransactionOperations<Connection> transactions, PersonalDataCipher cipher) {
        this.transactions = transactions;
        this.cipher = cipher;
    }

    @Override
    public long increment(String key, Instant windowStart, Instant keepUntil) {
        Connection connection = transactions.getConnection();
        String index = cipher.blindIndex(PURPOSE, key);
        String start = SqlTime.of(windowStart);
        try {
            if (supportsReturning(connection)) {
                try (PreparedStatement s = connection.prepareStatement(UPSERT + " RETURNING hits")) {
                    bind(s, index, start, SqlTime.of(keepUntil));
                    s.execute();
                    try (ResultSet r = s.getResultSet()) {
                        r.next();
                        return r.getLong(1);
                    }
                }
            }
            try (PreparedStatement s = connection.prepareStatement(UPSERT)) {
                bind(s, index, start, SqlTime.of(keepUntil));
                s.executeUpdate();
            }
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT hits FROM request_window WHERE counter_key = ? AND window_start = ?")) {
                s.setString(1, index);
                s.setString(2, start);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("request_window: " + e.getMessage(), e);
        }
    }

    @Override
    public long count(String key, Instant windowStart) {
        try (PreparedStatement s = transactions.getConnection().prepareStatement(
                "SELECT hits FROM request_window WHERE counter_key = ? AND window_start = ?")) {
            s.setString(1, cipher.blindIndex(PURPOSE, key));
            s.setString(2, SqlTime.of(windowStart));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("request_window: " + e.getMessage(), e);
        }
    }

    @Override
    public int purgeExpired(Instant now) {
        // ix_request_window_keep
        try (PreparedStatement s = transactions.getConnection().prepareStatement(
                "DELETE FROM request_window WHERE keep_until <= ?")) {
            s.setString(1, SqlTime.of(now));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("request_window: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement s, String index, String start, String keepUntil) throws SQLException {
        s.setString(1, index);
        s.setString(2, start);
        s.setString(3, keepUntil);
    }

    /** MariaDB (10.5 and later) answers an upsert with RETURNING; Connector/J names it MySQL, its version says MariaDB. */
    private boolean supportsReturning(Connection connection) throws SQLException {
        Boolean known = returning;
        if (known == null) {
            known = connection.getMetaData().getDatabaseProductVersion().contains("MariaDB");
            returning = known;
        }
        return known;
    }
}
