package beian.verify.adapters.persistence.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The one way tests reach a database: a fresh H2 in-memory database in MySQL mode, or a fresh MariaDB/MySQL
 * database {@code beian_test_<area>_<random>} on 127.0.0.1:3306 (user beian), dropped on close. The MariaDB
 * server and account are overridable with the system properties {@code beian.test.db.host} (host:port),
 * {@code beian.test.db.user} and {@code beian.test.db.password}.
 * MariaDB not answering FAILS the test: CI always has it (scripts/test.sh starts it).
 *
 * <p>adapters-persistence's tests use it directly; app's tests have it from adapters-persistence's test-jar
 * (this package only).
 */
public final class TestDatabase implements AutoCloseable {
    public static final String MARIADB_HOST = System.getProperty("beian.test.db.host", "127.0.0.1:3306");
    public static final String MARIADB_USER = System.getProperty("beian.test.db.user", "beian");
    public static final String MARIADB_PASSWORD = System.getProperty("beian.test.db.password", "beian");

    private final String url;
    private final String user;
    private final String password;
    private final boolean mariaDb;
    private final String name;

    private TestDatabase(String url, String user, String password, boolean mariaDb, String name) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.mariaDb = mariaDb;
        this.name = name;
    }

    public static TestDatabase h2() {
        String name = "beian_" + UUID.randomUUID().toString().replace("-", "");
        return new TestDatabase("jdbc:h2:mem:" + name + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "sa", "", false, name);
    }

    /** A new database {@code beian_test_<area>_<random>} on the MariaDB server; {@code area} names the tests. */
    public static TestDatabase mariaDb(String area) {
        String name = ("beian_test_" + area + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
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

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public boolean isMariaDb() {
        return mariaDb;
    }

    public String name() {
        return name;
    }

    /** The service's configuration that points it at this database. */
    public Map<String, Object> properties() {
        return Map.of("beian.db.url", url, "beian.db.user", user, "beian.db.password", password);
    }

    /** A connection of its own, outside any pool of the service. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Drops the database (MariaDB) or shuts it down (H2). Closing twice is harmless. */
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
