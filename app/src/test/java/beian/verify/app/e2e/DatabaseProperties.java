package beian.verify.app.e2e;

import java.util.Map;

/** The configuration that points an application context at a test database. */
final class DatabaseProperties {
    private DatabaseProperties() {
    }

    static Map<String, Object> of(MariaDb db) {
        return Map.of("beian.db.url", db.url(), "beian.db.user", MariaDb.USER, "beian.db.password", MariaDb.PASSWORD);
    }
}
