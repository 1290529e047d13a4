package beian.verify.adapters.persistence;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * How long a statement waits for a row another session holds locked: {@code beian.db.lock-timeout-ms}
 * (default 2000), set on every pooled connection as it opens. MariaDB's and MySQL's own default is 50 s,
 * so a request stuck behind a lock (an operator's open transaction, a long batch) waited that long; now it
 * is answered 503 / {@code UNAVAILABLE} after the timeout ({@link MicronautTransactionRunner}) and its
 * connection goes back to the pool. MariaDB and MySQL take whole seconds (rounded up, at least 1); H2
 * takes milliseconds. A {@code connection-init-sql} configured by hand is left as it is.
 */
@Singleton
final class LockTimeout implements BeanCreatedEventListener<DatasourceConfiguration> {
    private final long millis;

    LockTimeout(@Value("${beian.db.lock-timeout-ms:2000}") long millis) {
        if (millis < 1) {
            throw new IllegalArgumentException("beian.db.lock-timeout-ms: must be at least 1, was " + millis);
        }
        this.millis = millis;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        if (configuration.getConnectionInitSql() == null) {
            String sql = statement(configuration.getUrl());
            if (sql != null) {
                configuration.setConnectionInitSql(sql);
            }
        }
        return configuration;
    }

    /** The statement that sets the timeout on a connection to {@code url}; null for a database it does not know. */
    String statement(String url) {
        String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            return "SET LOCK_TIMEOUT " + millis;
        }
        if (lower.startsWith("jdbc:mysql:") || lower.startsWith("jdbc:mariadb:")) {
            return "SET SESSION innodb_lock_wait_timeout = " + Math.max(1, (millis + 999) / 1000);
        }
        return null;
    }
}
