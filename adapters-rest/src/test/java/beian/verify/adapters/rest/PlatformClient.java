package beian.verify.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.port.in.ApplicationView;
import beian.verify.core.port.in.IssueCaptchaUseCase.IssuedCaptcha;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.People;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the HTTP tests of the platform share: people with valid documents, a filing submitted
 * straight to the core on fakes, the verify and resend requests as the page sends them, and the
 * problem+json shape every refusal must have.
 */
final class PlatformClient {
    private static final AtomicInteger PEOPLE = new AtomicInteger(100);

    final Http http;
    final CoreFixture core;

    PlatformClient(Http http, CoreFixture core) {
        this.http = http;
        this.core = core;
    }

    /** One person to verify a filing; codes are read from the recording carrier. */
    record Person(String phone, String idNumber) {
        String tail() {
            return People.tail(idNumber);
        }
    }

    Person person() {
        int n = PEOPLE.incrementAndGet();
        return new Person("1380000" + String.format("%04d", n), People.residentId(n));
    }

    ApplicationView submit(Person subject, Person website) {
        return core.submitNewFiling("r" + PEOPLE.incrementAndGet(), People.person("张三", subject.phone(), subject.idNumber()),
                People.person("李四", website.phone(), website.idNumber()));
    }

    String codeOf(Person person) {
        return core.carrier.lastCodeTo(person.phone());
    }

    /** A verification body with a fresh captcha answered right. */
    Map<String, Object> verifyBody(String phone, String tail, String code) {
        IssuedCaptcha captcha = core.captcha();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phone", phone);
        body.put("idTail", tail);
        body.put("code", code);
        body.put("captchaId", captcha.captchaId());
        body.put("captchaAnswer", captcha.answer());
        return body;
    }

    Http.Answer verify(String phone, String tail, String code) {
        return http.post("/api/v1/verifications", http.json(verifyBody(phone, tail, code)));
    }

    Http.Answer resend(String phone, String tail) {
        IssuedCaptcha captcha = core.captcha();
        return http.post("/api/v1/resends", http.json(Map.of("phone", phone, "idTail", tail,
                "captchaId", captcha.captchaId(), "captchaAnswer", captcha.answer())));
    }

    static void assertProblem(Http.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.get("code")).isEqualTo(code);
        assertThat(answer.get("status")).isEqualTo(status);
        assertThat((String) answer.get("detail")).isNotBlank();
    }

    /** A 429 whose wait is known: {@code Retry-After} and {@code retryAfterSeconds} both say {@code seconds}. */
    static void assertRetryAfter(Http.Answer answer, long seconds) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(429);
        assertThat(answer.header("Retry-After")).as("Retry-After").isEqualTo(Long.toString(seconds));
        assertThat(answer.get("retryAfterSeconds")).as("retryAfterSeconds").isInstanceOf(Number.class);
        assertThat(((Number) answer.get("retryAfterSeconds")).longValue()).as("retryAfterSeconds").isEqualTo(seconds);
    }
}
