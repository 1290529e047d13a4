package beian.verify.adapters.rest;

import static beian.verify.adapters.rest.PlatformClient.assertProblem;
import static beian.verify.adapters.rest.PlatformClient.assertRetryAfter;
import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.rest.PlatformClient.Person;
import beian.verify.core.domain.AuditEntry;
import beian.verify.core.testing.CoreFixture;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/verifications over HTTP: the JSON answer, the status and problem of each refusal, the
 * field named in an error, and the client address handed to the core. The rules behind the answers
 * are tested in core (VerificationRulesTest).
 */
@MicronautTest
@Property(name = "beian.rest.rate-limits.enabled", value = "false")
class VerificationApiHttpTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    CoreFixture core;

    PlatformClient platform;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(server, json);
        platform = new PlatformClient(http, core);
    }

    @Test
    void aVerificationAnswersJsonWithTheResultThePendingCountTheStatusAndThePagesSentence() {
        Person a = platform.person();
        Person b = platform.person();
        platform.submit(a, b);

        Http.Answer first = platform.verify(a.phone(), a.tail(), platform.codeOf(a));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("application/json");
        assertThat(first.object()).containsEntry("result", "VERIFIED").containsEntry("pendingTargets", 1)
                .containsEntry("applicationStatus", "PENDING_VERIFICATION")
                .containsEntry("message", "您的短信核验完成，请等待其他核验人进行短信核验");

        Http.Answer last = platform.verify(b.phone(), b.tail(), platform.codeOf(b));
        assertThat(last.object()).containsEntry("result", "VERIFIED").containsEntry("pendingTargets", 0)
                .containsEntry("applicationStatus", "READY_FOR_REVIEW")
                .containsEntry("message", "您的短信核验已全部完成，该请求将提交管局审核");
    }

    @Test
    void aMissIsRecordNotFoundWithThePagesWording() {
        Person a = platform.person();
        platform.submit(a, platform.person());
        String wrongCode = platform.codeOf(a).equals("000000") ? "000001" : "000000";

        Http.Answer answer = platform.verify(a.phone(), a.tail(), wrongCode);

        assertProblem(answer, 404, "RECORD_NOT_FOUND");
        assertThat(answer.get("detail")).isEqualTo("该条验证库里找不到记录，请核实信息后重新输入");
        assertThat(answer.body()).doesNotContain(a.phone(), wrongCode);
    }

    @Test
    void verificationFailedIs409WithThePagesWording() {
        Person a = platform.person();
        platform.submit(a, platform.person());
        String wrongTail = a.tail().equals("000000") ? "000001" : "000000";

        for (int i = 1; i <= 4; i++) {
            assertProblem(platform.verify(a.phone(), wrongTail, platform.codeOf(a)), 404, "RECORD_NOT_FOUND");
        }
        Http.Answer fifth = platform.verify(a.phone(), wrongTail, platform.codeOf(a));

        assertProblem(fifth, 409, "VERIFICATION_FAILED");
        assertThat(fifth.get("detail")).isEqualTo("短信核验失败，您的备案申请已被退回");
    }

    @Test
    void tooManyAttemptsIs429WithThePagesWording() {
        Person a = platform.person();
        platform.submit(a, platform.person());
        String right = platform.codeOf(a);
        for (int i = 0; i < 10; i++) {
            String wrong = String.format("%06d", (Integer.parseInt(right) + 1 + i) % 1_000_000);
            assertProblem(platform.verify(a.phone(), a.tail(), wrong), 404, "RECORD_NOT_FOUND");
        }

        Http.Answer locked = platform.verify(a.phone(), a.tail(), right);

        assertProblem(locked, 429, "TOO_MANY_ATTEMPTS");
        assertRetryAfter(locked, 3600); // the network's lock, an hour from the tenth miss
        assertThat(locked.get("detail")).isEqualTo("验证码错误次数过多，请于 60 分钟后再试");
    }

    @Test
    void malformedFieldsAreInvalidArgumentNamingTheJsonField() {
        Person a = platform.person();
        platform.submit(a, platform.person());

        Http.Answer phone = platform.verify("2380000", a.tail(), platform.codeOf(a));
        assertProblem(phone, 400, "INVALID_ARGUMENT");
        assertThat(phone.get("field")).isEqualTo("phone");
        assertThat((String) phone.get("detail")).startsWith("手机号码");

        Http.Answer tail = platform.verify(a.phone(), "12-45!", platform.codeOf(a));
        assertProblem(tail, 400, "INVALID_ARGUMENT");
        assertThat(tail.get("field")).isEqualTo("idTail");

        Http.Answer code = platform.verify(a.phone(), a.tail(), "12ab56");
        assertProblem(code, 400, "INVALID_ARGUMENT");
        assertThat(code.get("field")).isEqualTo("code");

        Map<String, Object> longPhone = platform.verifyBody("1".repeat(100), a.tail(), platform.codeOf(a));
        Http.Answer tooLong = http.post("/api/v1/verifications", http.json(longPhone));
        assertProblem(tooLong, 400, "INVALID_ARGUMENT");
        assertThat(tooLong.get("field")).isEqualTo("phone");
    }

    @Test
    void theConnectionsAddressReachesTheAuditAndNoCodeOrDigits() {
        Person a = platform.person();
        platform.submit(a, platform.person());
        String code = platform.codeOf(a);

        platform.verify(a.phone(), a.tail(), code);

        AuditEntry entry = core.audit.entries().get(core.audit.entries().size() - 1);
        assertThat(entry.clientAddress()).isEqualTo("127.0.0.1");
        assertThat(entry.toString()).doesNotContain(code, a.tail(), a.phone());
    }
}
