package beian.verify.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.persistence.testing.TestDatabase;
import beian.verify.core.domain.FilingType;
import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.Caller;
import beian.verify.core.port.in.IssueCaptchaUseCase;
import beian.verify.core.port.in.IssueCaptchaUseCase.IssuedCaptcha;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.GetApplicationUseCase;
import beian.verify.core.port.in.GetApplicationUseCase.GetApplicationQuery;
import beian.verify.core.port.in.DispatchSmsUseCase;
import beian.verify.core.port.in.SubmitApplicationUseCase;
import beian.verify.core.port.in.SubmitApplicationUseCase.Submission;
import beian.verify.core.port.in.SubmitApplicationUseCase.SubmitApplicationCommand;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.People;
import beian.verify.core.testing.ProofOfWorkSolver;
import beian.verify.core.testing.RecordingSmsSender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The public verification platform end to end: the whole service (REST adapter, core, persistence
 * adapter) on a real HTTP server on a random port and a real MariaDB database of this class's own
 * ({@code beian_test_rest_<random>}, dropped afterwards). Only the SMS carrier is a recording double.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerificationPlatformEndToEndTest {
    static final String HASH_KEY = "ZTJlLXJlc3QtdGVzdHMtb25seS1oYXNoLWtleS0zMmJ5dGVzIQ==";

    TestDatabase database;
    final RecordingSmsSender carrier = new RecordingSmsSender();
    final HttpClient http = HttpClient.newHttpClient();
    EmbeddedServer server;
    ApplicationContext context;
    JsonMapper json;

    @BeforeAll
    void start() {
        database = TestDatabase.mariaDb("rest");
        context = ApplicationContext.builder()
                .environments("test")
                .properties(Map.of(
                        "beian.security.hash-key", HASH_KEY,
                        "beian.db.url", database.url(),
                        "beian.db.user", database.user(),
                        "beian.db.password", database.password(),
                        // Limits on, and the test client (127.0.0.1) a trusted proxy: a test picks its
                        // client address with X-Forwarded-For.
                        "beian.rest.trusted-proxies", "127.0.0.1",
                        "beian.rest.rate-limits.captcha-per-minute", "3",
                        "beian.rest.rate-limits.verify-per-minute", "1000",
                        "beian.rest.rate-limits.resend-per-minute", "1000"))
                // A resend right after the first SMS is this page's rule to show; the carriers' one-a-minute
                // ceiling (SmsCeilingRulesTest) would hold it back. The hour and day ceilings stay on.
                .properties(Map.of("beian.sms.ceilings.per-phone-per-minute", "0"))
                .singletons(carrier)
                .start();
        server = context.getBean(EmbeddedServer.class).start();
        json = context.getBean(JsonMapper.class);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (context != null && context.isRunning()) {
            context.stop();
        }
        if (database != null) {
            database.close();
        }
    }

    private ApplicationView submit(String requestId, FilingType type, List<String[]> people) {
        String[] subject = people.get(0);
        List<WebsiteInput> websites = people.stream().skip(type == FilingType.NEW_FILING ? 1 : 0)
                .map(p -> new WebsiteInput(requestId + ".cn", People.person("李四", p[0], p[1]))).toList();
        Outcome<Submission> outcome = context.getBean(SubmitApplicationUseCase.class).submit(new SubmitApplicationCommand(
                CoreFixture.PROVIDER, requestId, type, "TJ", "天津示例科技有限公司",
                type == FilingType.NEW_FILING ? People.person("张三", subject[0], subject[1]) : null, websites, false));
        assertThat(outcome).isInstanceOf(Outcome.Ok.class);
        context.getBean(DispatchSmsUseCase.class).dispatch(100);
        return ((Outcome.Ok<Submission>) outcome).value().application();
    }

    private Map<String, Object> post(String path, Map<String, Object> body, int expectedStatus) throws Exception {
        return post(path, body, expectedStatus, "192.0.2.1");
    }

    private Map<String, Object> post(String path, Map<String, Object> body, int expectedStatus, String client)
            throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", client)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(expectedStatus);
        if (expectedStatus >= 400) {
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = json.readValue(response.body(), Map.class);
        return answer;
    }

    private Map<String, Object> verifyBody(String phone, String tail, String code) {
        IssuedCaptcha captcha = context.getBean(IssueCaptchaUseCase.class).issue();
        return Map.of("phone", phone, "idTail", tail, "code", code, "captchaId", captcha.captchaId(),
                "captchaAnswer", captcha.answer());
    }

    private ApplicationView stored(String applicationId) {
        Outcome<ApplicationView> outcome = context.getBean(GetApplicationUseCase.class)
                .get(new GetApplicationQuery(new Caller.Provider(CoreFixture.PROVIDER), applicationId));
        return ((Outcome.Ok<ApplicationView>) outcome).value();
    }

    private List<String> rows(String sql) throws SQLException {
        try (Connection c = database.connect();
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<String> values = new java.util.ArrayList<>();
            while (r.next()) {
                values.add(r.getString(1));
            }
            return values;
        }
    }

    @Test
    void twoPeopleVerifyOverRestAndTheApplicationBecomesReadyForReview() throws Exception {
        String[] a = {"13511110001", People.residentId(701)};
        String[] b = {"13511110002", People.residentId(702)};
        ApplicationView application = submit("e2e-verify", FilingType.NEW_FILING, List.of(a, b));
        String codeA = carrier.lastCodeTo(a[0]);

        Map<String, Object> miss = post("/api/v1/verifications",
                verifyBody(a[0], People.tail(a[1]), codeA.equals("999999") ? "999998" : "999999"), 404);
        assertThat(miss).containsEntry("code", "RECORD_NOT_FOUND")
                .containsEntry("detail", "该条验证库里找不到记录，请核实信息后重新输入");

        assertThat(post("/api/v1/verifications", verifyBody(a[0], People.tail(a[1]), codeA), 200))
                .containsEntry("result", "VERIFIED").containsEntry("pendingTargets", 1)
                .containsEntry("message", "您的短信核验完成，请等待其他核验人进行短信核验");
        assertThat(post("/api/v1/verifications", verifyBody(b[0], People.tail(b[1]), carrier.lastCodeTo(b[0])), 200))
                .containsEntry("pendingTargets", 0).containsEntry("applicationStatus", "READY_FOR_REVIEW")
                .containsEntry("message", "您的短信核验已全部完成，该请求将提交管局审核");

        assertThat(stored(application.applicationId()).status().name()).isEqualTo("READY_FOR_REVIEW");
        // The client as the trusted proxy (127.0.0.1) named it, and the phone masked.
        assertThat(rows("SELECT client_address FROM audit_entry WHERE action = 'VERIFY' AND masked_phone = '135****0001'"))
                .hasSize(2).containsOnly("192.0.2.1");
    }

    @Test
    void provincesComeFromConfiguration() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.getPort() + "/api/v1/provinces")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"platformHost\":\"tjcainfo.miitbeian.gov.cn\"");
    }

    @Test
    void malformedInputIsInvalidArgumentNamingTheField() throws Exception {
        assertThat(post("/api/v1/verifications", verifyBody("12345", "123456", "123456"), 400))
                .containsEntry("code", "INVALID_ARGUMENT").containsEntry("field", "phone");
    }

    @Test
    void theFifthWrongIdTailReturnsTheApplication() throws Exception {
        String[] d = {"13511110004", People.residentId(704)};
        ApplicationView application = submit("e2e-failed", FilingType.NEW_WEBSITE, List.<String[]>of(d));
        String code = carrier.lastCodeTo(d[0]);
        String wrongTail = People.tail(d[1]).equals("000000") ? "000001" : "000000";
        for (int i = 0; i < 4; i++) {
            post("/api/v1/verifications", verifyBody(d[0], wrongTail, code), 404);
        }
        assertThat(post("/api/v1/verifications", verifyBody(d[0], wrongTail, code), 409))
                .containsEntry("code", "VERIFICATION_FAILED").containsEntry("detail", "短信核验失败，您的备案申请已被退回");
        assertThat(stored(application.applicationId()).status().name()).isEqualTo("RETURNED");
    }

    @Test
    void tenWrongCodesFromOneClientLockItOutOfThePhone() throws Exception {
        String[] e = {"13511110005", People.residentId(705)};
        submit("e2e-locked", FilingType.NEW_WEBSITE, List.<String[]>of(e));
        int right = Integer.parseInt(carrier.lastCodeTo(e[0]));
        for (int i = 1; i <= 10; i++) {
            post("/api/v1/verifications", verifyBody(e[0], People.tail(e[1]), String.format("%06d", (right + i) % 1_000_000)), 404);
        }
        assertThat(post("/api/v1/verifications", verifyBody(e[0], People.tail(e[1]), String.format("%06d", right)), 429))
                .containsEntry("code", "TOO_MANY_ATTEMPTS");
    }

    @Test
    void oneClientAddressAskingTooOftenIsRateLimited() throws Exception {
        // The limits count in fixed one-minute windows on the real clock: start well inside one.
        long intoMinute = System.currentTimeMillis() % 60_000;
        if (intoMinute > 50_000) {
            Thread.sleep(60_000 - intoMinute + 100);
        }
        for (int i = 0; i < 3; i++) {
            post("/api/v1/captchas", Map.of(), 201, "198.51.100.77");
        }
        assertThat(post("/api/v1/captchas", Map.of(), 429, "198.51.100.77")).containsEntry("code", "RATE_LIMITED");
        post("/api/v1/captchas", Map.of(), 201, "198.51.100.78");
    }

    @Test
    void aCaptchaFromTheApiIsStoredOnlyWhenCheckedAndConsumedByAnyCheck() throws Exception {
        Map<String, Object> captcha = post("/api/v1/captchas", Map.of(), 201);
        String id = (String) captcha.get("captchaId");
        assertThat((String) captcha.get("imagePng")).isNotBlank();
        assertThat(id).hasSizeLessThanOrEqualTo(64);
        assertThat(rows("SELECT id FROM captcha_used WHERE id = '" + id.replace("'", "") + "'")).isEmpty();

        Map<String, Object> body = Map.of("phone", "13511110009", "idTail", "123456", "code", "123456",
                "captchaId", id, "captchaAnswer", "WRONG");
        assertThat(post("/api/v1/verifications", body, 400)).containsEntry("code", "CAPTCHA_INVALID");
        assertThat(rows("SELECT id FROM captcha_used WHERE id = '" + id.replace("'", "") + "'")).containsExactly(id);
        assertThat(post("/api/v1/verifications", body, 400)).containsEntry("code", "CAPTCHA_INVALID");
    }

    /**
     * The captcha that needs no sight over the whole service: a challenge of the configured (default) size from
     * the API, solved from what it publishes, lets a verification through once; its mark is in the database.
     */
    @Test
    void aProofOfWorkFromTheApiSolvedPassesOnceAndIsMarkedUsedInTheDatabase() throws Exception {
        String[] a = {"13511110011", People.residentId(711)};
        submit("e2e-pow", FilingType.NEW_WEBSITE, List.<String[]>of(a));
        Map<String, Object> challenge = post("/api/v1/captchas/proof-of-work", Map.of(), 201, "198.51.100.90");
        String id = (String) challenge.get("captchaId");
        assertThat(challenge).containsEntry("algorithm", "SHA-256").containsEntry("maxNumber", 1_000_000);
        int n = ProofOfWorkSolver.solve((String) challenge.get("salt"), (String) challenge.get("challenge"), 1_000_000);
        Map<String, Object> body = Map.of("phone", a[0], "idTail", People.tail(a[1]), "code", carrier.lastCodeTo(a[0]),
                "captchaId", id, "captchaAnswer", Integer.toString(n));

        assertThat(post("/api/v1/verifications", body, 200)).containsEntry("applicationStatus", "READY_FOR_REVIEW");
        assertThat(rows("SELECT id FROM captcha_used WHERE id = '" + id.replace("'", "") + "'")).containsExactly(id);
        assertThat(post("/api/v1/verifications", body, 400)).containsEntry("code", "CAPTCHA_INVALID");
    }

    @Test
    void aResendOverRestSendsTheSmsAgainOnceAMinute() throws Exception {
        String[] c = {"13511110003", People.residentId(703)};
        submit("e2e-resend", FilingType.NEW_WEBSITE, List.<String[]>of(c));
        int sent = carrier.callsTo(c[0]).size();
        IssuedCaptcha first = context.getBean(IssueCaptchaUseCase.class).issue();

        assertThat(post("/api/v1/resends", Map.of("phone", c[0], "idTail", People.tail(c[1]),
                "captchaId", first.captchaId(), "captchaAnswer", first.answer()), 202))
                .containsEntry("message", "您的短信已发送成功");
        context.getBean(DispatchSmsUseCase.class).dispatch(100);
        assertThat(carrier.callsTo(c[0])).hasSize(sent + 1);

        IssuedCaptcha second = context.getBean(IssueCaptchaUseCase.class).issue();
        assertThat(post("/api/v1/resends", Map.of("phone", c[0], "idTail", People.tail(c[1]),
                "captchaId", second.captchaId(), "captchaAnswer", second.answer()), 429))
                .containsEntry("code", "RESEND_TOO_FREQUENT");

        IssuedCaptcha third = context.getBean(IssueCaptchaUseCase.class).issue();
        assertThat(post("/api/v1/resends", Map.of("phone", "13511110099", "idTail", "123456",
                "captchaId", third.captchaId(), "captchaAnswer", third.answer()), 404))
                .containsEntry("detail", "暂无待短信核验的备案申请，无需重发短信");
    }

    @Test
    void nothingAClientSendsCorruptsTheDatabaseOrMakesA500() throws Exception {
        int auditedBefore = Integer.parseInt(rows("SELECT COUNT(*) FROM audit_entry").get(0));
        for (String body : List.of("{", "[]", "{\"phone\": {\"$ne\": 1}}", "{\"captchaId\": \"x' OR '1'='1\"}",
                "{\"phone\": \"13511110001'; DROP TABLE audit_entry; --\", \"captchaId\": \"a\"}")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.getPort() + "/api/v1/verifications"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(body).isBetween(400, 499);
        }
        // The tables are intact, the attempts that reached the core were audited, and no audit row
        // holds anything but a masked phone.
        assertThat(Integer.parseInt(rows("SELECT COUNT(*) FROM audit_entry").get(0))).isGreaterThanOrEqualTo(auditedBefore + 2);
        assertThat(rows("SELECT masked_phone FROM audit_entry WHERE masked_phone IS NOT NULL"))
                .allMatch(p -> p.matches("1\\d{2}\\*{4}\\d{4}"));
        assertThat(rows("SELECT COUNT(*) FROM captcha_used")).isNotEmpty();
    }
}
