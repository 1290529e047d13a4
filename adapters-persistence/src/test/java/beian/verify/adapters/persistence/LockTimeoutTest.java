package beian.verify.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import org.junit.jupiter.api.Test;

class LockTimeoutTest {

    @Test
    void eachDatabaseGetsTheTimeoutInItsOwnUnits() {
        LockTimeout timeout = new LockTimeout(1500);
        assertThat(timeout.statement("jdbc:h2:mem:x;MODE=MySQL")).isEqualTo("SET LOCK_TIMEOUT 1500");
        assertThat(timeout.statement("jdbc:mysql://127.0.0.1:3306/beian")).isEqualTo("SET SESSION innodb_lock_wait_timeout = 2");
        assertThat(timeout.statement("jdbc:mariadb://db/beian")).isEqualTo("SET SESSION innodb_lock_wait_timeout = 2");
        assertThat(new LockTimeout(200).statement("jdbc:mysql://db/beian")).endsWith("= 1");
        assertThat(timeout.statement("jdbc:postgresql://db/beian")).isNull();
        assertThatThrownBy(() -> new LockTimeout(0)).hasMessageContaining("beian.db.lock-timeout-ms");
    }

    @Test
    void aLockWaitThatRanOutIsRecognisedOnMariaDbAndH2() {
        assertThat(Sql.isLockTimeout(new RuntimeException(new SQLException("Lock wait timeout exceeded", "40001", 1205)))).isTrue();
        assertThat(Sql.isLockTimeout(new SQLException("Timeout trying to lock table", "HYT00", 50200))).isTrue();
        assertThat(Sql.isLockTimeout(new SQLTimeoutException("statement timed out"))).isTrue();
        assertThat(Sql.isLockTimeout(new SQLException("Deadlock found", "40001", 1213))).isFalse();
        assertThat(Sql.isLockTimeout(new IllegalStateException("other"))).isFalse();
    }
}
