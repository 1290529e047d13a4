package beian.verify.adapters.persistence;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;

/**
 * MySQL Connector/J's options for this service's work, set on connections to a {@code jdbc:mysql:} URL
 * (the driver it ships). Each was measured (issue 10, docs/scaling.md):
 * <ul>
 * <li>{@code rewriteBatchedStatements=true}: a JDBC batch in one round trip. The driver sends a batch of
 * inserts as one multi-row {@code INSERT}, and a batch of more than three updates as one multi-statement
 * packet that still answers each row's count, which the versioned update of many applications checks
 * ({@link JdbcApplicationRepository#updateAll}). Without it every row of a batch is a round trip of its
 * own (returns at the deadline, the sequencer's stamps).</li>
 * <li>{@code cachePrepStmts=true}, {@code prepStmtCacheSize=250}, {@code prepStmtCacheSqlLimit=2048}: the
 * driver parses a statement's SQL once per connection instead of at every {@code prepareStatement}. Without
 * it the parse was a third of the CPU of the verify request's thread (a JFR profile under load); most of
 * this service's statements are longer than the default limit of 256 characters.</li>
 * </ul>
 * A setting given in the URL or in {@code data-source-properties} is left as it is; H2 (which refuses
 * settings it does not know) and other URLs are not touched. MariaDB Connector/J ({@code jdbc:mariadb:},
 * not shipped) has options of its own ({@code useBulkStmts}, {@code cachePrepStmts}).
 */
@Singleton
final class ConnectorOptions implements BeanCreatedEventListener<DatasourceConfiguration> {
    static final Map<String, String> OPTIONS = Map.of("rewriteBatchedStatements", "true", "cachePrepStmts", "true",
            "prepStmtCacheSize", "250", "prepStmtCacheSqlLimit", "2048");

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        OPTIONS.forEach((option, value) -> {
            if (applies(configuration.getUrl(), option) && !configuration.getDataSourceProperties().containsKey(option)) {
                configuration.addDataSourceProperty(option, value);
            }
        });
        return configuration;
    }

    /** Whether {@code url} is MySQL Connector/J's and does not choose {@code option} itself. */
    static boolean applies(String url, String option) {
        String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:mysql:") && !lower.contains(option.toLowerCase(Locale.ROOT) + "=");
    }
}
