package beian.verify.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import org.junit.jupiter.api.Test;

/** A JDBC batch is one round trip on MySQL Connector/J (issue 10): the option is set where it applies, only there. */
class BatchRewriteTest {

    @Test
    void onlyMySqlConnectorUrlsThatDoNotChooseThemselvesGetTheOption() {
        assertThat(BatchRewrite.applies("jdbc:mysql://127.0.0.1:3306/beian")).isTrue();
        assertThat(BatchRewrite.applies("jdbc:mysql://db/beian?useSSL=false")).isTrue();
        assertThat(BatchRewrite.applies("jdbc:mysql://db/beian?rewriteBatchedStatements=false")).isFalse();
        assertThat(BatchRewrite.applies("jdbc:h2:mem:x;MODE=MySQL")).as("H2 refuses settings it does not know").isFalse();
        assertThat(BatchRewrite.applies("jdbc:mariadb://db/beian")).isFalse();
        assertThat(BatchRewrite.applies(null)).isFalse();
    }

    @Test
    void theServicesPoolOnMariaDbRewritesBatchesAndTheOneOnH2IsLeftAlone() {
        try (PersistenceContext db = PersistenceContext.mariaDb("batch_rewrite")) {
            assertThat(db.bean(DatasourceConfiguration.class).getDataSourceProperties())
                    .containsEntry(BatchRewrite.OPTION, "true");
        }
        try (PersistenceContext db = PersistenceContext.h2()) {
            assertThat(db.bean(DatasourceConfiguration.class).getDataSourceProperties())
                    .doesNotContainKey(BatchRewrite.OPTION);
        }
    }
}
