package beian.verify.adapters.persistence;

import beian.verify.adapters.persistence.testing.TestDatabase;
import beian.verify.core.port.out.ApplicationQueries;
import beian.verify.core.port.out.ApplicationRepository;
import beian.verify.core.port.out.DueApplications;
import beian.verify.core.port.out.AuditRecords;
import beian.verify.core.port.out.AuditTrail;
import beian.verify.core.port.out.CaptchaStore;
import beian.verify.core.port.out.EventStore;
import beian.verify.core.port.out.FiledRecordRepository;
import beian.verify.core.port.out.PhoneThrottleRepository;
import beian.verify.core.port.out.SentSmsLog;
import beian.verify.core.port.out.SmsOutbox;
import beian.verify.core.port.out.TransactionRunner;
import beian.verify.core.testing.Storage;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The adapter's beans in a Micronaut context on a {@link TestDatabase}, configured the way the service is. */
final class PersistenceContext implements AutoCloseable {
    /** Children first, so foreign keys never object. */
    static final List<String> TABLES = List.of("verification_target", "application_website", "application",
            "filed_record", "provider_event", "event_stream", "sms_outbox", "phone_throttle", "network_throttle", "captcha_used", "request_window",
            "audit_entry_province", "audit_entry", "closed_application_count");

    final TestDatabase database;
    final ApplicationContext context;

    PersistenceContext(TestDatabase database) {
        this(database, Map.of());
    }

    PersistenceContext(TestDatabase database, Map<String, Object> extra) {
        this.database = database;
        Map<String, Object> properties = new HashMap<>(database.properties());
        properties.put("beian.db.pool-size", 24);
        properties.putAll(extra);
        try {
            this.context = ApplicationContext.builder().properties(properties).start();
        } catch (RuntimeException e) {
            database.close(); // a context that does not start must not leave its database behind
            throw e;
        }
    }

    static PersistenceContext h2() {
        return new PersistenceContext(TestDatabase.h2());
    }

    static PersistenceContext mariaDb(String area) {
        return new PersistenceContext(TestDatabase.mariaDb("persistence_" + area));
    }

    Storage storage() {
        return new Storage(bean(TransactionRunner.class), bean(ApplicationRepository.class),
                bean(ApplicationQueries.class), bean(DueApplications.class), bean(FiledRecordRepository.class), bean(EventStore.class), bean(SmsOutbox.class),
                bean(PhoneThrottleRepository.class), bean(CaptchaStore.class), bean(SentSmsLog.class),
                bean(AuditTrail.class), bean(AuditRecords.class));
    }

    AuditTrail audit() {
        return bean(AuditTrail.class);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Empties every table (between tests of one class). */
    void clear() {
        sql(TABLES.stream().map(t -> "DELETE FROM " + t).toArray(String[]::new));
    }

    /** Runs statements on a connection of its own, outside the service's pool. */
    void sql(String... statements) {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            database.close();
        }
    }
}
