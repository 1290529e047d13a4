package beian.verify.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.connection.exceptions.ConnectionException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which failures mean "the database cannot be reached" (answered 503 / UNAVAILABLE, not 500 / INTERNAL). */
class SqlTest {
    @Test
    void aDeadConnectionThatCannotBeResetAfterTheTransactionIsAConnectionFailure() {
        // what Micronaut's transaction manager threw when MariaDB was killed mid-transaction under load
        RuntimeException e = new ConnectionException("Could not set JDBC Connection [HikariProxyConnection@1] read-only:"
                + " Connection is closed", new SQLException("Connection is closed"));

        assertThat(Sql.isConnectionFailure(e)).isTrue();
    }

    @Test
    void aBrokenLinkIsAConnectionFailureAndAConstraintIsNot() {
        assertThat(Sql.isConnectionFailure(new RuntimeException(new SQLException("Communications link failure", "08S01")))).isTrue();
        assertThat(Sql.isConnectionFailure(new RuntimeException(new SQLException("Duplicate entry", "23000")))).isFalse();
    }
}
