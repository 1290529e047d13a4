package beian.verify.adapters.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A database of a test class's own: a fresh H2 in-memory database in MySQL mode, or a fresh MariaDB/MySQL
 * database {@code beian_test_persistence_<area>_<random>} on 127.0.0.1:3306 (user beian), dropped on close.
 * MariaDB not answering FAILS the test: CI always has it (scripts/test.sh starts it).
 */
final class TestDatabase implements AutoCloseable {
    static final String MARIADB_HOST = System.getProperty("beian.test.db.host", "127.0.0.1:3306");
    static final String MARIADB_USER = System.getProperty("beian.test.db.user", "beian");
    static final String MARIADB_PASSWORD = System.getProperty("beian.test.db.password", "beian");

    final String url;
    final String user;
    final String password;
    final boolean mariaDb;
    private final String name;

    private TestDatabase(String url, String user, String password, boolean mariaDb, String name) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.mariaDb = mariaDb;
        this.name = name;
    }

    static TestDatabase h2() {
        String name = "beian_" + UUID.randomUUID().toString().replace("-", "");
        return new TestDatabase("jdbc:h2:mem:" + name + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "sa", "", false, name);
    }

    static TestDatabase mariaDb(String area) {
        String name = ("beian_test_persistence_" + area + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(serverUrl(""), MARIADB_USER, MARIADB_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB/MySQL is needed on " + MARIADB_HOST + " (user " + MARIADB_USER
                    + ", may create beian_test_* databases) and did not answer: " + e.getMessage()
                    + ". Run ./scripts/test.sh, which starts it.", e);
        }
        return new TestDatabase(serverUrl(name), MARIADB_USER, MARIADB_PASSWORD, true, name);
    }

    private static String serverUrl(String database) {
        return "jdbc:mysql://" + MARIADB_HOST + "/" + database + "?connectTimeout=5000";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() {
        if (!mariaDb) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException ignored) {
                // already gone
            }
            return;
        }
        try (Connection c = DriverManager.getConnection(serverUrl(""), user, password);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test database " + name, e);
        }
    }

    @Override
    public String toString() {
        return (mariaDb ? "MariaDB " : "H2 ") + name;
    }
}
