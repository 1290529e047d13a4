package beian.verify.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.persistence.testing.TestDatabase;
import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ApplicationState;
import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.VerificationCode;
import beian.verify.core.domain.DomainEvent;
import beian.verify.core.domain.DomainName;
import beian.verify.core.domain.EventType;
import beian.verify.core.domain.FiledRecord;
import beian.verify.core.domain.FilingNumber;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.PhoneThrottle;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.RecordedEvent;
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.testing.Storage;
import beian.verify.core.testing.StorageContract;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

/**
 * The migrations apply to an empty database, and to one at the previous version holding data,
 * losing nothing. Run on H2 and on MariaDB.
 */
abstract class MigrationContract {
    static final Instant T0 = Instant.parse("2026-11-28T02:00:00Z");
    static final ProviderId P1 = new ProviderId("provider-one");
    static final ProviderId P2 = new ProviderId("provider-two");
    static final PhoneNumber PHONE = new PhoneNumber("13800000001");

    protected abstract TestDatabase database();

    private static Flyway flyway(TestDatabase db, String target) {
        return Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("classpath:db/migration")
                .target(target).load();
    }

    @Test
    void theMigrationsApplyToAnEmptyDatabase() {
        try (TestDatabase db = database()) {
            assertThat(flyway(db, "latest").migrate().success).isTrue();
            MigrationInfo[] applied = flyway(db, "latest").info().applied();
            assertThat(applied).extracting(i -> i.getVersion().getVersion()).containsExactlyElementsOf(migrationFiles());
            assertThat(flyway(db, "latest").info().pending()).isEmpty();
        }
    }

    /** Rows from before last_miss existed are kept at least a day, so the purge never drops misses that still count. */
    @Test
    void networkThrottleRowsFromBeforeTheirPurgeAreKeptADayAndThenPurgeable() throws Exception {
        try (TestDatabase db = database()) {
            flyway(db, "7").migrate();
            try (java.sql.Connection c = db.connect(); java.sql.Statement st = c.createStatement()) {
                st.execute("INSERT INTO network_throttle (throttle_key, recent_misses, locked_until) VALUES"
                        + " ('with-misses', '2026-11-28T01:00:00Z', NULL), ('without', '', NULL)");
            }
            flyway(db, "latest").migrate();
            String utcNow = SqlTime.of(Instant.now());
            try (java.sql.Connection c = db.connect(); java.sql.Statement st = c.createStatement();
                 java.sql.ResultSet r = st.executeQuery("SELECT throttle_key, last_miss FROM network_throttle ORDER BY throttle_key")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("with-misses");
                assertThat(r.getString(2)).as("kept past any purge cut-off of today").isGreaterThan(utcNow);
                assertThat(r.next()).isTrue();
                assertThat(r.getString(2)).as("no misses: nothing to keep").isNull();
            }
        }
    }

    @Test
    void aDatabaseAtVersionOneWithDataMigratesToTheLatestLosingNothing() {
        try (TestDatabase db = database()) { // closing twice is harmless: the drop is IF EXISTS
            migrateVersionOneWithData(db);
        }
    }

    @Test
    void aDatabaseAtVersionTwoWithEventsMigratesToSequencingAfterCommitKeepingEveryStream() {
        try (TestDatabase db = database()) {
            flyway(db, "2").migrate();
            ApplicationId app = ApplicationId.newId(T0);
            // Version 2 as its service wrote it: events with their sequences, a counter row per provider.
            try (java.sql.Connection c = db.connect(); java.sql.Statement st = c.createStatement()) {
                st.execute("INSERT INTO provider_event VALUES ('provider-one', 1, 'APPLICATION_SUBMITTED', '" + app
                        + "', NULL, NULL, NULL, '2026-11-28 02:00:00.000000')");
                st.execute("INSERT INTO provider_event VALUES ('provider-one', 2, 'SMS_SENT', '" + app
                        + "', '138****0001', 'INITIAL', NULL, '2026-11-28 02:00:01.500000')");
                st.execute("INSERT INTO provider_event VALUES ('provider-two', 1, 'APPLICATION_SUBMITTED', '" + app
                        + "', NULL, NULL, NULL, '2026-11-28 02:00:02.000000')");
                st.execute("INSERT INTO event_stream VALUES ('provider-one', 2)");
                st.execute("INSERT INTO event_stream VALUES ('provider-two', 1)");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }

            try (PersistenceContext latest = new PersistenceContext(db)) {
                assertThat(flyway(db, "latest").info().pending()).isEmpty();
                Storage s = latest.storage();
                assertThat(s.tx().inTransaction(() -> s.events().readAfter(P1, 0, 10)))
                        .extracting(RecordedEvent::sequence).containsExactly(1L, 2L);
                assertThat(s.tx().inTransaction(() -> s.events().readAfter(P1, 1, 10)).get(0).event())
                        .isEqualTo(new DomainEvent(P1, EventType.SMS_SENT, app, "138****0001", SmsTrigger.INITIAL, null,
                                T0.plusMillis(1500)));
                s.tx().inTransaction(() -> {
                    s.events().append(List.of(
                            new DomainEvent(P2, EventType.READY_FOR_REVIEW, app, null, null, null, T0.plusSeconds(3)),
                            new DomainEvent(P1, EventType.RETURNED, app, null, null, "WITHDRAWN", T0.plusSeconds(4)),
                            new DomainEvent(P1, EventType.APPROVED, app, null, null, null, T0.plusSeconds(5))));
                    return null;
                });
                latest.bean(EventSequencer.class).sequenceCommitted();
                // the streams continue where they were, in the order appended
                assertThat(s.tx().inTransaction(() -> s.events().readAfter(P1, 0, 10)))
                        .extracting(e -> e.sequence() + " " + e.event().type())
                        .containsExactly("1 APPLICATION_SUBMITTED", "2 SMS_SENT", "3 RETURNED", "4 APPROVED");
                assertThat(s.tx().inTransaction(() -> s.events().readAfter(P2, 0, 10)))
                        .extracting(e -> e.sequence() + " " + e.event().type())
                        .containsExactly("1 APPLICATION_SUBMITTED", "2 READY_FOR_REVIEW");
            }
        }
    }

    @Test
    void aDatabaseAtVersionSevenGetsTheClosingTimesOfItsClosedApplications() throws java.sql.SQLException {
        try (TestDatabase db = database()) {
            flyway(db, "7").migrate();
            String returned = ApplicationId.newId(T0).value();
            String approved = ApplicationId.newId(T0).value();
            String pending = ApplicationId.newId(T0).value();
            try (java.sql.Connection c = db.connect(); java.sql.Statement st = c.createStatement()) {
                for (String[] a : new String[][] {{returned, "RETURNED", "'WITHDRAWN'"}, {approved, "APPROVED", "NULL"},
                        {pending, "PENDING_VERIFICATION", "NULL"}}) {
                    st.execute("INSERT INTO application (id, provider, request_id, request_fingerprint, filing_type,"
                            + " province, subject_changed, status, return_reason, submitted_at, deadline, auto_resend_done,"
                            + " version) VALUES ('" + a[0] + "', 'provider-one', 'r-" + a[1] + "', 'f', 'NEW_WEBSITE', 'TJ',"
                            + " FALSE, '" + a[1] + "', " + a[2] + ", '2026-11-28 02:00:00.000000',"
                            + " '2026-11-30 02:00:00.000000', FALSE, 1)");
                }
                st.execute("INSERT INTO provider_event (provider, seq, event_type, application_id, occurred_at) VALUES"
                        + " ('provider-one', 1, 'APPLICATION_SUBMITTED', '" + returned + "', '2026-11-28 02:00:00.000000'),"
                        + " ('provider-one', 2, 'RETURNED', '" + returned + "', '2026-11-28 05:30:00.250000')");
            }

            flyway(db, "latest").migrate();

            try (java.sql.Connection c = db.connect(); java.sql.Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT status, closed_at FROM application ORDER BY status")) {
                java.util.Map<String, String> closedAt = new java.util.HashMap<>();
                while (rs.next()) {
                    closedAt.put(rs.getString(1), rs.getString(2));
                }
                assertThat(closedAt.get("RETURNED")).as("its RETURNED event").startsWith("2026-11-28 05:30:00.25");
                assertThat(closedAt.get("APPROVED")).as("no closing event: its deadline").startsWith("2026-11-30 02:00:00");
                assertThat(closedAt.get("PENDING_VERIFICATION")).as("open").isNull();
            }
        }
    }

    /** The versions of the migration files shipped (db/migration/V<n>__*.sql), in order. */
    static List<String> migrationFiles() {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Paths.get(
                MigrationContract.class.getResource("/db/migration").toURI()))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.+\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__"))).sorted(java.util.Comparator.comparingInt(Integer::parseInt))
                    .toList();
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * V11: an audit entry of an earlier version stays visible to the one province it was filed under,
     * and one filed under none to none (its one row names no province).
     */
    @Test
    void auditEntriesFromBeforeVisibilityKeepTheirProvince() throws java.sql.SQLException {
        try (TestDatabase db = database()) {
            flyway(db, "9").migrate();
            try (java.sql.Connection c = db.connect(); java.sql.Statement st = c.createStatement()) {
                st.execute("INSERT INTO audit_entry (recorded_at, action, masked_phone, outcome, client_address, province)"
                        + " VALUES ('2026-11-28 02:00:00.000000', 'VERIFY', '138****0001', 'VERIFIED', '203.0.113.1', 'TJ'),"
                        + " ('2026-11-28 02:00:01.000000', 'VERIFY', '138****0001', 'RECORD_NOT_FOUND', '203.0.113.1', NULL)");
            }

            flyway(db, "latest").migrate();

            try (java.sql.Connection c = db.connect(); java.sql.Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT e.outcome, v.province FROM audit_entry e"
                         + " JOIN audit_entry_province v ON v.audit_id = e.id ORDER BY e.id")) {
                List<String> rows = new java.util.ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getString(2).strip());
                }
                assertThat(rows).containsExactly("VERIFIED TJ", "RECORD_NOT_FOUND ");
            }
            try (PersistenceContext latest = new PersistenceContext(db)) {
                beian.verify.core.port.out.AuditRecords audit = latest.bean(beian.verify.core.port.out.AuditRecords.class);
                Storage s = latest.storage();
                assertThat(s.tx().inTransaction(() -> audit.list(beian.verify.core.port.out.AuditRecords.Scope.visibleToAnyOf(
                        java.util.Set.of(new ProvinceCode("TJ"))), null, null, null, null, 0, 10)))
                        .extracting(x -> x.entry().outcome()).containsExactly("VERIFIED");
                assertThat(s.tx().inTransaction(() -> audit.list(beian.verify.core.port.out.AuditRecords.Scope.nationalView(),
                        null, null, null, null, 0, 10))).extracting(x -> x.entry().visibleTo())
                        .containsExactly(java.util.Set.of(new ProvinceCode("TJ")), java.util.Set.of());
            }
        }
    }

    private void migrateVersionOneWithData(TestDatabase db) {
        ApplicationState a = StorageContract.application(P1, "r1", T0);
        FiledRecord filed = new FiledRecord(DomainName.of("a.cn"), new FilingNumber("津ICP备1号-1"),
                new ProvinceCode("TJ"), P1, PHONE, PHONE);
        OutboundSms sms = OutboundSms.queued("sms-1", P1, a.id(), 1, PHONE, new VerificationCode("123456"), SmsTrigger.INITIAL, T0);
        PhoneThrottle throttle = new PhoneThrottle(PHONE, List.of(T0, T0.plusSeconds(1)), null);

        flyway(db, "1").migrate();
        // Version 1 as the service of that version wrote it: the tables V2 does not touch through the
        // adapter (Flyway off), the event stream as rows with their sequences. Version 1 had no event sequencer:
        // this version's would find no table of its own (and warn with a stack trace), so it waits out the step.
        PersistenceContext v1 = new PersistenceContext(db, Map.of("flyway.datasources.default.enabled", false,
                "beian.events.sequencer.idle-poll", "1h"));
        try {
            Storage s = v1.storage();
            s.tx().inTransaction(() -> {
                s.applications().insert(FilingApplication.restore(a), StorageContract.WEBSITES);
                s.filedRecords().upsert(filed);
                s.outbox().enqueue(sms);
                s.throttles().save(throttle);
                return null;
            });
            v1.sql("INSERT INTO provider_event (provider, seq, event_type, application_id, masked_phone, sms_trigger,"
                            + " reason, occurred_at) VALUES ('provider-one', 1, 'APPLICATION_SUBMITTED', '" + a.id()
                            + "', NULL, NULL, NULL, '2026-11-28 02:00:00.000000')",
                    "INSERT INTO provider_event VALUES ('provider-one', 2, 'SMS_SENT', '" + a.id()
                            + "', '138****0001', 'INITIAL', NULL, '2026-11-28 02:00:01.500000')",
                    "INSERT INTO provider_event VALUES ('provider-two', 1, 'APPLICATION_SUBMITTED', '" + a.id()
                            + "', NULL, NULL, NULL, '2026-11-28 02:00:02.000000')",
                    // a captcha issued before V4 (which drops the table: such captchas are asked again)
                    "INSERT INTO captcha_challenge VALUES ('c1', 'h1', '2026-11-28 02:05:00.000000')");
        } finally {
            v1.context.close(); // the service of version 1 stops; its database stays for the next step
        }

        try (PersistenceContext latest = new PersistenceContext(db)) {
            assertThat(flyway(db, "latest").info().pending()).isEmpty();
            Storage s = latest.storage();
            s.tx().inTransaction(() -> {
                assertThat(s.queries().findById(a.id())).contains(a);
                assertThat(s.applications().websitesOf(a.id())).isEqualTo(StorageContract.WEBSITES);
                assertThat(s.filedRecords().find(filed.domain())).contains(filed);
                assertThat(s.outbox().find("sms-1")).contains(sms);
                assertThat(s.throttles().lock(PHONE)).isEqualTo(throttle);
                assertThat(s.events().readAfter(P1, 0, 10)).extracting(RecordedEvent::sequence).containsExactly(1L, 2L);
                assertThat(s.events().readAfter(P1, 0, 10).get(1).event()).isEqualTo(new DomainEvent(P1,
                        EventType.SMS_SENT, a.id(), "138****0001", SmsTrigger.INITIAL, null, T0.plusMillis(1500)));
                return null;
            });
            // the streams continue where they were
            ApplicationId other = ApplicationId.newId(T0);
            s.tx().inTransaction(() -> {
                s.events().append(List.of(
                        new DomainEvent(P1, EventType.RETURNED, other, null, null, "WITHDRAWN", T0.plus(Duration.ofHours(1))),
                        new DomainEvent(P2, EventType.READY_FOR_REVIEW, other, null, null, null, T0.plus(Duration.ofHours(1)))));
                return null;
            });
            latest.bean(EventSequencer.class).sequenceCommitted();
            assertThat(s.tx().inTransaction(() -> s.events().readAfter(P1, 0, 10)))
                    .extracting(RecordedEvent::sequence).containsExactly(1L, 2L, 3L);
            assertThat(s.tx().inTransaction(() -> s.events().readAfter(P2, 0, 10)))
                    .extracting(RecordedEvent::sequence).containsExactly(1L, 2L);
        }
    }
}
