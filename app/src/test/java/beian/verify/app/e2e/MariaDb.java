package beian.verify.app.e2e;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A database of one test class's own on the shared MariaDB (127.0.0.1:3306, user beian), so concurrent
 * builds of other engineers never see it: {@code beian_test_<area>_<random>}, dropped afterwards.
 */
final class MariaDb implements AutoCloseable {
    static final String SERVER = "jdbc:mysql://127.0.0.1:3306/";
    static final String USER = "beian";
    static final String PASSWORD = "beian";

    final String name;

    private MariaDb(String name) {
        this.name = name;
    }

    static MariaDb create(String area) {
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        MariaDb db = new MariaDb("beian_test_" + area + "_" + HexFormat.of().formatHex(random));
        db.execute("CREATE DATABASE " + db.name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return db;
    }

    String url() {
        return SERVER + name;
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(SERVER, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB on 127.0.0.1:3306 (run ./scripts/test.sh): " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name);
    }
}
