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
import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.IdTail;
import beian.verify.core.domain.IdType;
import beian.verify.core.domain.Role;
import beian.verify.core.domain.TargetStatus;
import beian.verify.core.domain.VerificationTarget;
import beian.verify.core.port.in.ResendSmsUseCase.ResendSmsResult;
import beian.verify.core.port.in.VerifyCodeUseCase.VerifyCodeResult;
import beian.verify.core.testing.HmacTestHasher;
import beian.verify.core.testing.People;
import beian.verify.core.testing.Storage;
import beian.verify.core.testing.StorageContract;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * DOMAIN.md "Codes" (revised 2026-12-07) across V10: targets stored by the service of V9 hold random
     * codes' hashes and no draw. Their codes keep verifying until the deadline; a target's next SMS carries
     * its one code, and every later resend repeats it (here: the last manual resend, then the noon one).
     */
    @Test
    void aTargetStoredBeforeV10KeepsItsCodeAndEveryResendAfterRepeatsOneNewCode() throws java.sql.SQLException {
        String aliceId = People.residentId(1);
        String bobId = People.residentId(2);
        String alicePhone = "13800000001";
        String bobPhone = "13900000002";
        String aliceOldCode = "271828";
        String bobOldCode = "314159";
        String bobNewCode = "577215";
        ApplicationId app = ApplicationId.newId(T0);
        try (TestDatabase db = database()) {
            flyway(db, "9").migrate();
            // Version 9 as its service wrote it: an application two people must verify, each sent a random
            // code, Bob also a second one by a manual resend (both random, as V9 drew them).
            PersistenceContext v9 = new PersistenceContext(db, Map.of("flyway.datasources.default.enabled", false));
            try {
                PersonalDataCipher cipher = v9.bean(PersonalDataCipher.class);
                HmacTestHasher hasher = new HmacTestHasher();
                v9.sql("INSERT INTO application (id, provider, request_id, request_fingerprint, filing_type, province,"
                                + " subject_name, subject_changed, status, submitted_at, deadline, auto_resend_at,"
                                + " auto_resend_done, version) VALUES ('" + app + "', 'demo-provider', 'r1', 'f',"
                                + " 'NEW_WEBSITE', 'TJ', '天津示例科技有限公司', FALSE, 'PENDING_VERIFICATION',"
                                + " '2026-11-28 02:00:00.000000', '2026-11-30 02:00:00.000000',"
                                + " '2026-11-29 04:00:00.000000', FALSE, 3)",
                        targetRowBeforeV10(cipher, app, pending(1, alicePhone, hasher.hash("id-tail", app + "#1:"
                                + IdTail.of(People.tail(aliceId)).value()), List.of(hasher.hash("code", app + "#1:"
                                + aliceOldCode)), 1, 0)),
                        targetRowBeforeV10(cipher, app, pending(2, bobPhone, hasher.hash("id-tail", app + "#2:"
                                + IdTail.of(People.tail(bobId)).value()), List.of(hasher.hash("code", app + "#2:"
                                + bobOldCode), hasher.hash("code", app + "#2:999999")), 2, 1)));
            } finally {
                v9.context.close();
            }

            try (PersistenceContext latest = new PersistenceContext(db)) {
                RealCore core = new RealCore(latest, T0.plus(Duration.ofHours(1)));
                assertThat(core.verify(alicePhone, People.tail(aliceId), aliceOldCode))
                        .as("a code sent before V10 verifies").isInstanceOf(VerifyCodeResult.Verified.class);

                core.codes.then(bobNewCode); // the derivation's code of Bob's draw 0 (a scripted stand-in)
                assertThat(core.resend(bobPhone, People.tail(bobId))).as("his second manual resend, the last allowed")
                        .isEqualTo(new ResendSmsResult.Sent(1));
                core.clock.set(Instant.parse("2026-11-29T04:00:00Z")); // noon in Shanghai, the day after
                assertThat(core.autoResends.sendAutoResends(10).done()).isEqualTo(1);
                core.dispatch();

                assertThat(core.carrier.callsTo(bobPhone)).extracting(c -> c.code())
                        .as("the manual resend and the noon one: one code, new to the target").containsExactly(bobNewCode, bobNewCode);
                try (java.sql.Connection c = db.connect(); java.sql.Statement st = c.createStatement();
                     java.sql.ResultSet r = st.executeQuery("SELECT target_number, code_draw, code_hashes"
                             + " FROM verification_target ORDER BY target_number")) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getObject(2)).as("Alice was sent nothing since: no draw").isNull();
                    assertThat(r.next()).isTrue();
                    assertThat(r.getObject(2, Integer.class)).as("the draw of Bob's one code").isNotNull();
                    assertThat(r.getString(3).split(",")).as("two old codes and the one code").hasSize(3);
                }

                assertThat(core.verify(bobPhone, People.tail(bobId), bobOldCode))
                        .as("an old code still verifies after the resends").isInstanceOf(VerifyCodeResult.Verified.class);
                assertThat(core.verify(bobPhone, People.tail(bobId), bobNewCode))
                        .isInstanceOf(VerifyCodeResult.Verified.class);
                assertThat(core.storage.tx().inTransaction(() -> core.storage.queries().findById(app)).orElseThrow()
                        .status()).isEqualTo(ApplicationStatus.READY_FOR_REVIEW);
            }
        }
    }

    private static VerificationTarget pending(int number, String phone, String idTailHash, List<String> codeHashes,
                                              int smsSent, int manualResends) {
        return new VerificationTarget(number, Set.of(Role.WEBSITE_PRINCIPAL), new PhoneNumber(phone), IdType.RESIDENT_ID,
                idTailHash, TargetStatus.PENDING, 0, codeHashes, null, smsSent, manualResends, null, null);
    }

    /** An INSERT of the target as a row of verification_target before V10 (V1's columns, no draw). */
    private static String targetRowBeforeV10(PersonalDataCipher cipher, ApplicationId app, VerificationTarget t) {
        return "INSERT INTO verification_target (application_id, target_number, roles, phone, phone_index, id_type,"
                + " id_tail_hash, status, id_failures, code_hashes, sms_sent_count, manual_resends,"
                + " last_manual_resend_at, verified_at) VALUES ('" + app + "', " + t.number() + ", '"
                + String.join(",", t.roles().stream().map(Role::name).sorted().toList()) + "', '"
                + cipher.encrypt(JdbcApplicationRepository.PHONE, t.phone().value()) + "', '"
                + cipher.blindIndex(JdbcApplicationRepository.PHONE, t.phone().value()) + "', '" + t.idType().name()
                + "', '" + t.idTailHash() + "', '" + t.status().name() + "', " + t.idFailures() + ", '"
                + String.join(",", t.codeHashes()) + "', " + t.smsSentCount() + ", " + t.manualResends() + ", "
                + sqlTime(t.lastManualResendAt()) + ", " + sqlTime(t.verifiedAt()) + ")";
    }

    private static String sqlTime(Instant at) {
        return at == null ? "NULL" : "'" + SqlTime.of(at) + "'";
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
        ApplicationState submitted = StorageContract.application(P1, "r1", T0);
        // targets had no draw before V10
        ApplicationState a = new ApplicationState(submitted.facts(), submitted.targets().stream()
                .map(t -> new VerificationTarget(t.number(), t.roles(), t.phone(), t.idType(), t.idTailHash(), t.status(),
                        t.idFailures(), t.codeHashes(), null, t.smsSentCount(), t.manualResends(),
                        t.lastManualResendAt(), t.verifiedAt())).toList(), submitted.progress(), submitted.version());
        FiledRecord filed = new FiledRecord(DomainName.of("a.cn"), new FilingNumber("津ICP备1号-1"),
                new ProvinceCode("TJ"), P1, PHONE, PHONE);
        OutboundSms sms = OutboundSms.queued("sms-1", P1, a.id(), 1, PHONE, new VerificationCode("123456"), SmsTrigger.INITIAL, T0);
        PhoneThrottle throttle = new PhoneThrottle(PHONE, List.of(T0, T0.plusSeconds(1)), null);

        flyway(db, "1").migrate();
        // Version 1 as the service of that version wrote it: the tables no later version changes through the
        // adapter (Flyway off); the targets (V10 adds their draw) and the event stream as rows.
        // Version 1 had no event sequencer: this version's would find no table of its own (and warn with a stack
        // trace), so it waits out the step.
        PersistenceContext v1 = new PersistenceContext(db, Map.of("flyway.datasources.default.enabled", false,
                "beian.events.sequencer.idle-poll", "1h"));
        try {
            Storage s = v1.storage();
            s.tx().inTransaction(() -> {
                s.applications().insert(FilingApplication.restore(new ApplicationState(a.facts(), List.of(),
                        a.progress(), a.version())), StorageContract.WEBSITES);
                s.filedRecords().upsert(filed);
                s.outbox().enqueue(sms);
                s.throttles().save(throttle);
                return null;
            });
            PersonalDataCipher cipher = v1.bean(PersonalDataCipher.class);
            v1.sql(a.targets().stream().map(t -> targetRowBeforeV10(cipher, a.id(), t)).toArray(String[]::new));
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
