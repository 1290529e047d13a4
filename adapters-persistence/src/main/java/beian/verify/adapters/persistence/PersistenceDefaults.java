package beian.verify.adapters.persistence;

import io.micronaut.context.env.ActiveEnvironment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourceLoader;
import io.micronaut.core.io.ResourceLoader;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * The module's datasource and Flyway settings, laid under everything else (application.yml,
 * environment variables and system properties all override them), so the service needs no database
 * configuration: the keys people set live under {@code beian.db.*}.
 *
 * <ul>
 *   <li>no {@code beian.db.url}: an H2 file database at {@code beian.db.path} (default {@code <beian.data-dir>/beian},
 *       the data directory being {@code ./data} unless set)
 *       in MySQL mode, through the same repositories and migrations;</li>
 *   <li>{@code beian.db.url} (e.g. {@code BEIAN_DB_URL=jdbc:mysql://host:3306/beian}) with
 *       {@code beian.db.user} / {@code beian.db.password}: that server.</li>
 * </ul>
 */
public final class PersistenceDefaults implements PropertySourceLoader {
    /** Below application.yml (-300): every other source wins. */
    static final int POSITION = -1000;

    static final String H2_FILE_URL = "jdbc:h2:file:${beian.db.path}"
            + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE";

    static Map<String, Object> properties() {
        return Map.ofEntries(
                // beian.db.url/user are defaults here (not placeholder defaults, which do not nest), so
                // any other source setting them wins.
                Map.entry("beian.db.url", H2_FILE_URL),
                // the service's data directory (BEIAN_DATA_DIR; ./mvnw mn:run sets the repository's data/)
                Map.entry("beian.db.path", "${beian.data-dir:./data}/beian"),
                Map.entry("beian.db.user", "sa"),
                Map.entry("datasources.default.url", "${beian.db.url}"),
                Map.entry("datasources.default.username", "${beian.db.user}"),
                Map.entry("datasources.default.password", "${beian.db.password:}"),
                // SQL is generated for MySQL at compile time; H2 runs it in MODE=MySQL.
                Map.entry("datasources.default.dialect", "MYSQL"),
                Map.entry("datasources.default.maximum-pool-size", "${beian.db.pool-size:10}"),
                // Fail fast when the database is down: a request waits at most this long for a
                // connection, then is answered "try again" (REST 503, gRPC UNAVAILABLE), never hangs.
                Map.entry("datasources.default.connection-timeout", "${beian.db.connect-timeout-ms:2000}"),
                Map.entry("datasources.default.validation-timeout", "${beian.db.validation-timeout-ms:1000}"),
                // Read committed: no gap locks (fewer deadlocks under concurrent verifies), and every
                // statement after a row lock reads the latest committed data of what it locked.
                Map.entry("datasources.default.transaction-isolation", "TRANSACTION_READ_COMMITTED"),
                Map.entry("datasources.default.schema-generate", "NONE"),
                Map.entry("flyway.datasources.default.enabled", "true"),
                Map.entry("flyway.datasources.default.locations", "classpath:db/migration"));
    }

    @Override
    public Optional<PropertySource> load(String resourceName, ResourceLoader resourceLoader) {
        if (!"application".equals(resourceName)) {
            return Optional.empty();
        }
        return Optional.of(PropertySource.of("beian-persistence-defaults", properties(), POSITION));
    }

    @Override
    public Optional<PropertySource> loadEnv(String resourceName, ResourceLoader resourceLoader,
                                            ActiveEnvironment activeEnvironment) {
        return Optional.empty();
    }

    @Override
    public Map<String, Object> read(String name, InputStream input) {
        return Map.of();
    }
}
