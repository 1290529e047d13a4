package beian.verify.adapters.persistence;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * Sends a JDBC batch to MySQL or MariaDB in one round trip: sets MySQL Connector/J's
 * {@code rewriteBatchedStatements=true} on connections to a {@code jdbc:mysql:} URL (the driver this
 * service ships). The driver then sends a batch of inserts as one multi-row {@code INSERT}, and a
 * batch of more than three updates as one multi-statement packet that still answers each row's count,
 * which the versioned update of many applications checks ({@link JdbcApplicationRepository#updateAll}).
 * Without it every row of a batch is a round trip of its own (issue 10: returns at the deadline, the
 * sequencer's stamps). A setting given in the URL or in {@code data-source-properties} is left as it is;
 * H2 (which refuses settings it does not know) and other URLs are not touched. MariaDB Connector/J
 * ({@code jdbc:mariadb:}, not shipped) would need its own option ({@code useBulkStmts}) instead.
 */
@Singleton
final class BatchRewrite implements BeanCreatedEventListener<DatasourceConfiguration> {
    static final String OPTION = "rewriteBatchedStatements";

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        if (applies(configuration.getUrl()) && !configuration.getDataSourceProperties().containsKey(OPTION)) {
            configuration.addDataSourceProperty(OPTION, "true");
        }
        return configuration;
    }

    /** Whether {@code url} is MySQL Connector/J's and does not choose the option itself. */
    static boolean applies(String url) {
        String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:mysql:") && !lower.contains(OPTION.toLowerCase(Locale.ROOT));
    }
}
