package beian.verify.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: a JDBC batch is one round trip on MySQL Connector/J, and a statement's SQL is parsed once per
 * connection. The options are set where they apply, only there, and never over the operator's choice.
 */
class ConnectorOptionsTest {
    private static final String REWRITE = "rewriteBatchedStatements";

    @Test
    void onlyMySqlConnectorUrlsThatDoNotChooseThemselvesGetTheOption() {
        assertThat(ConnectorOptions.applies("jdbc:mysql://127.0.0.1:3306/beian", REWRITE)).isTrue();
        assertThat(ConnectorOptions.applies("jdbc:mysql://db/beian?useSSL=false", REWRITE)).isTrue();
        assertThat(ConnectorOptions.applies("jdbc:mysql://db/beian?rewriteBatchedStatements=false", REWRITE)).isFalse();
        assertThat(ConnectorOptions.applies("jdbc:mysql://db/beian?cachePrepStmts=false", "cachePrepStmts")).isFalse();
        assertThat(ConnectorOptions.applies("jdbc:mysql://db/beian?cachePrepStmts=false", REWRITE)).isTrue();
        assertThat(ConnectorOptions.applies("jdbc:h2:mem:x;MODE=MySQL", REWRITE)).as("H2 refuses settings it does not know").isFalse();
        assertThat(ConnectorOptions.applies("jdbc:mariadb://db/beian", REWRITE)).isFalse();
        assertThat(ConnectorOptions.applies(null, REWRITE)).isFalse();
    }

    @Test
    void theServicesPoolOnMariaDbHasEveryOptionAndTheOneOnH2NoneOfThem() {
        try (PersistenceContext db = PersistenceContext.mariaDb("batch_rewrite")) {
            assertThat(db.bean(DatasourceConfiguration.class).getDataSourceProperties())
                    .containsAllEntriesOf(ConnectorOptions.OPTIONS)
                    .containsEntry(REWRITE, "true")
                    .containsEntry("cachePrepStmts", "true");
        }
        try (PersistenceContext db = PersistenceContext.h2()) {
            assertThat(db.bean(DatasourceConfiguration.class).getDataSourceProperties())
                    .doesNotContainKeys(ConnectorOptions.OPTIONS.keySet().toArray(String[]::new));
        }
    }
}
