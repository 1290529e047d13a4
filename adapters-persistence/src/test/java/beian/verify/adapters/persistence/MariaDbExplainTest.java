package beian.verify.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ApplicationFacts;
import beian.verify.core.domain.ApplicationProgress;
import beian.verify.core.domain.ApplicationState;
import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.VerificationCode;
import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.AuditAction;
import beian.verify.core.domain.AuditEntry;
import beian.verify.core.domain.DomainEvent;
import beian.verify.core.domain.DomainName;
import beian.verify.core.domain.EventType;
import beian.verify.core.domain.FiledRecord;
import beian.verify.core.domain.FilingNumber;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.ReturnReason;
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.testing.Storage;
import beian.verify.core.testing.StorageContract;
import io.micronaut.data.annotation.Query;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hot query, exactly as the repositories send it, EXPLAINed on MariaDB over a database shaped
 * like production (mostly finished applications, mostly sent SMS, long event streams): none may scan
 * a whole table. Prints each plan.
 */
class MariaDbExplainTest {
    static final Instant NOW = Instant.parse("2026-11-28T02:00:00Z");
    static final ProviderId BUSY = new ProviderId("busy-provider");
    static PersistenceContext db;
    static String phoneIndex;
    static String someId;

    @BeforeAll
    static void fill() {
        db = PersistenceContext.mariaDb("explain");
        Storage s = db.storage();
        List<ApplicationId> ids = new ArrayList<>();
        for (int batch = 0; batch < 10; batch++) {
            int first = batch * 200;
            s.tx().inTransaction(() -> {
                for (int i = first; i < first + 200; i++) {
                    int n = i;
                    ProviderId provider = new ProviderId("provider-" + (i % 40));
                    ApplicationState a = StorageContract.application(provider, "r" + i, NOW.minus(Duration.ofHours(i)));
                    // most applications are long finished; a few are pending
                    ApplicationStatus status = i % 50 == 0 ? ApplicationStatus.PENDING_VERIFICATION
                            : i % 3 == 0 ? ApplicationStatus.RETURNED : ApplicationStatus.APPROVED;
                    ApplicationState stored = new ApplicationState(new ApplicationFacts(a.id(), a.provider(),
                            a.facts().requestId(), a.facts().requestFingerprint(), a.facts().type(),
                            new ProvinceCode(i % 2 == 0 ? "TJ" : "GS"), a.facts().subjectName(), false,
                            a.facts().subjectPrincipalPhone(), a.facts().submittedAt(), a.facts().deadline(),
                            a.facts().autoResendAt()),
                            a.targets().stream().map(t -> new beian.verify.core.domain.VerificationTarget(t.number(),
                                    t.roles(), new PhoneNumber(String.format("137%08d", n * 2 + t.number())), t.idType(),
                                    t.idTailHash(), t.status(), t.idFailures(), t.codeHashes(), t.codeDraw(), t.smsSentCount(),
                                    t.manualResends(), t.lastManualResendAt(), t.verifiedAt())).toList(),
                            new ApplicationProgress(status, status == ApplicationStatus.RETURNED
                                    ? ReturnReason.VERIFICATION_TIMEOUT : null,
                                    status != ApplicationStatus.PENDING_VERIFICATION, null, null,
                                    status.isClosed() ? a.facts().deadline() : null), 0);
                    s.applications().insert(FilingApplication.restore(stored), StorageContract.WEBSITES);
                    ids.add(a.id());
                    s.filedRecords().upsert(new FiledRecord(DomainName.of("site" + i + ".cn"), new FilingNumber("津ICP备" + i + "号"),
                            new ProvinceCode("TJ"), provider, null, new PhoneNumber("13900000002")));
                    OutboundSms sms = OutboundSms.queued("sms-" + i, provider, a.id(), 1, new PhoneNumber("13700000001"),
                            new VerificationCode("123456"), SmsTrigger.INITIAL, NOW.minusSeconds(i));
                    s.outbox().enqueue(i % 50 == 0 ? sms : sms.sent("ref-" + i));
                    s.events().append(List.of(
                            new DomainEvent(BUSY, EventType.APPLICATION_SUBMITTED, a.id(), null, null, null, NOW),
                            new DomainEvent(provider, EventType.SMS_SENT, a.id(), "137****0001", SmsTrigger.INITIAL, null, NOW)));
                }
                return null;
            });
        }
        s.tx().inTransaction(() -> {
            for (int i = 0; i < 300; i++) {
                PhoneNumber phone = new PhoneNumber(String.format("136%08d", i));
                s.throttles().save(s.throttles().lock(phone).withMiss(NOW, 10, Duration.ofHours(1), Duration.ofHours(1)));
                s.captchas().markUsed("captcha-" + i, NOW.plusSeconds(i));
            }
            return null;
        });
        // the audit: attempts on 600 phones, each visible to Tianjin or Gansu, every seventh to both
        s.tx().inTransaction(() -> {
            for (int i = 0; i < 3000; i++) {
                ProvinceCode host = new ProvinceCode(i % 2 == 0 ? "TJ" : "GS");
                db.audit().record(AuditEntry.of(NOW.minusSeconds(i), AuditAction.VERIFY, String.format("137%08d", i % 600),
                        "RECORD_NOT_FOUND", "203.0.113.1", host, null,
                        i % 7 == 0 ? Set.of(new ProvinceCode("TJ"), new ProvinceCode("GS")) : Set.of(host)));
            }
            return null;
        });
        phoneIndex = db.bean(JdbcApplicationRepository.class).phoneIndex(new PhoneNumber("13700000101"));
        someId = ids.get(ids.size() / 2).value();
        db.sql(PersistenceContext.TABLES.stream().map(t -> "ANALYZE TABLE " + t).toArray(String[]::new));
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    static Stream<Arguments> hotQueries() {
        String now = "'" + SqlTime.of(NOW) + "'";
        Map<String, String> values = new LinkedHashMap<>();
        values.put("now", now);
        values.put("limit", "100");
        values.put("phoneIndex", "'" + phoneIndex + "'");
        values.put("provider", "'provider-7'");
        values.put("requestId", "'r7'");
        values.put("after", "'" + someId + "'");
        values.put("status", "'READY_FOR_REVIEW'");
        values.put("provinces", "'TJ', 'GS'");
        values.put("applicationIds", "'" + someId + "'");
        values.put("id", "'" + someId + "'");
        values.put("domain", "'site7.cn'");
        values.put("carrierReference", "'ref-7'");
        values.put("throttlePhoneIndex", "'" + db.bean(JdbcApplicationRepository.class)
                .phoneIndex(new PhoneNumber("13600000007")) + "'");
        Map<String, String> audit = with(values, "afterId", "0", "applicationId", "NULL", "fromTime", "NULL",
                "toTime", "NULL");
        return Stream.of(
                query("pending targets by phone", ApplicationRows.class, "lockOpenByPhoneIndex", values),
                query("applications due to return", ApplicationRows.class, "findDueForReturn", values),
                query("applications due for the noon resend", ApplicationRows.class, "findDueForAutoResend", values),
                query("idempotency: (provider, request id)", ApplicationRows.class, "findByRequest", values),
                query("a provider's applications", ApplicationRows.class, "listByProvider", values),
                query("a provider's applications of a status", ApplicationRows.class, "listByProviderAndStatus", values),
                query("the review queue by provinces", ApplicationRows.class, "listByStatusAndProvinces", values),
                query("an application by id, locked", ApplicationRows.class, "lockRow", values),
                query("applications by ids, locked", ApplicationRows.class, "lockRows",
                        with(values, "ids", values.get("applicationIds"))),
                query("targets of applications", ApplicationRows.class, "targetsOf", values),
                query("websites of applications", ApplicationRows.class, "websitesOf", values),
                query("queued SMS due", OutboxRows.class, "lockDue", values),
                query("an SMS by carrier reference", OutboxRows.class, "lockByCarrierReference", values),
                query("queued SMS of a phone's open applications (the resend's ceiling)", OutboxRows.class,
                        "findQueuedOf", values),
                query("a provider's events by sequence", EventRows.class, "readAfter",
                        with(values, "after", "5", "provider", "'busy-provider'")),
                query("a provider's event counter", EventRows.class, "lastSequence", values),
                query("events not sequenced yet", EventRows.class, "unstamped", values),
                query("filed records by domain", FiledRecordRows.class, "find", values),
                query("a phone's throttle", ThrottleRows.class, "lock",
                        with(values, "phoneIndex", values.get("throttlePhoneIndex"))),
                query("expired captchas", CaptchaRows.class, "deleteExpired", values),
                query("a phone's open provinces, unlocked", ApplicationRows.class, "openProvincesByPhoneIndex", values),
                query("a reviewer's audit of a phone", AuditRows.class, "page", audit),
                query("a reviewer's audit of an application", AuditRows.class, "page",
                        with(audit, "phoneIndex", "NULL", "applicationId", values.get("id"))),
                query("a reviewer's audit of an hour", AuditRows.class, "page",
                        with(audit, "phoneIndex", "NULL", "fromTime", now, "toTime", "'" + SqlTime.of(NOW.plusSeconds(3600)) + "'")),
                query("a reviewer's audit, next page", AuditRows.class, "page",
                        with(audit, "phoneIndex", "NULL", "afterId", "1500")),
                query("the national audit of a phone", AuditRows.class, "pageAll", audit));
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> out = new LinkedHashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private static Arguments query(String name, Class<?> repository, String method, Map<String, String> values) {
        Method m = Arrays.stream(repository.getDeclaredMethods()).filter(x -> x.getName().equals(method)).findFirst()
                .orElseThrow();
        String sql = m.getAnnotation(Query.class).value();
        Matcher params = Pattern.compile(":([a-zA-Z]+)").matcher(sql);
        StringBuilder bound = new StringBuilder();
        while (params.find()) {
            String value = values.get(params.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for :" + params.group(1) + " in " + method);
            }
            params.appendReplacement(bound, Matcher.quoteReplacement(value));
        }
        params.appendTail(bound);
        return Arguments.of(name, bound.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hotQueries")
    void noHotQueryScansAWholeTable(String name, String sql) throws Exception {
        List<String> plan = new ArrayList<>();
        List<String> fullScans = new ArrayList<>();
        try (Connection c = db.database.connect(); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("EXPLAIN " + sql)) {
            while (r.next()) {
                String row = "table=" + r.getString("table") + " type=" + r.getString("type") + " key="
                        + r.getString("key") + " rows=" + r.getString("rows") + " extra=" + r.getString("Extra");
                plan.add(row);
                // <subqueryN> is the semi-join's materialized result (filled by an index lookup), not a table
                boolean temporary = String.valueOf(r.getString("table")).startsWith("<");
                // ALL: a full table scan; index: a full scan of an index, no better at scale
                String type = String.valueOf(r.getString("type"));
                if ((type.equalsIgnoreCase("ALL") || type.equalsIgnoreCase("index")) && !temporary) {
                    fullScans.add(row);
                }
            }
        }
        System.out.println("EXPLAIN " + name + ":\n  " + String.join("\n  ", plan));
        assertThat(plan).isNotEmpty();
        assertThat(fullScans).as("full table scans of '%s':%n%s", name, sql).isEmpty();
    }
}
