package beian.verify.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.HostileValues;
import beian.verify.core.testing.People;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The page's JSON API fed hostile requests end to end: random and hostile values in every field,
 * wrong JSON types, nested objects and arrays, repeated members, unknown members. The server never
 * answers 5xx; every refusal is problem+json with a stable code, an INVALID_ARGUMENT names the
 * JSON member; and no stored application changes (only the attempt's audit record and captcha).
 */
@MicronautTest
@Property(name = "beian.rest.rate-limits.enabled", value = "false")
class HostileRequestsHttpTest {
    private static final int REQUESTS = 300;
    private static final List<String> MEMBERS = List.of("phone", "idTail", "code", "captchaId", "captchaAnswer");

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    CoreFixture core;

    Http http;
    final Random random = new Random(20261130L);

    @BeforeEach
    void client() {
        http = new Http(server, json);
    }

    @Test
    void hostileBodiesNeverMakeA5xxAlwaysNameTheFieldAndChangeNoApplication() throws Exception {
        core.submitNewWebsite("hostile-" + System.nanoTime(), "hostile-" + System.nanoTime() + ".cn",
                People.person("李四", "13900000077", People.residentId(77)));
        List<beian.verify.core.domain.ApplicationState> applicationsBefore = core.applications.all();
        for (int i = 0; i < REQUESTS; i++) {
            String path = random.nextBoolean() ? "/api/v1/verifications" : "/api/v1/resends";
            String body = hostileBody();
            Http.Answer answer = http.post(path, body);
            String what = path + " " + HostileValues.printable(body) + " → " + answer.status() + " " + answer.body();

            assertThat(answer.status()).as(what).isLessThan(500);
            if (answer.status() >= 400) {
                assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
                Object code = answer.get("code");
                assertThat(code).as(what).isNotNull();
                if ("INVALID_ARGUMENT".equals(code) && answer.status() == 400) {
                    assertThat(answer.get("field")).as(what).isNotNull();
                }
            }
        }
        assertThat(core.applications.all()).as("no application changed (targets, counts, codes, status)")
                .isEqualTo(applicationsBefore);
    }

    /** A JSON text: usually an object with hostile members, sometimes a hostile shape of its own. */
    private String hostileBody() throws Exception {
        return switch (random.nextInt(10)) {
            case 0 -> HostileValues.one(random);
            case 1 -> "{\"phone\":\"13900000077\",\"phone\":" + json.writeValueAsString(HostileValues.one(random)) + "}";
            case 2 -> "{\"phone\":" + "[".repeat(random.nextInt(200)) + "]".repeat(random.nextInt(200)) + "}";
            default -> json.writeValueAsString(hostileObject());
        };
    }

    private Map<String, Object> hostileObject() {
        Map<String, Object> body = new LinkedHashMap<>();
        String captchaId = core.captcha().captchaId();
        for (String member : MEMBERS) {
            int kind = random.nextInt(12);
            Object value = switch (kind) {
                case 0 -> null;
                case 1 -> random.nextLong();
                case 2 -> random.nextDouble() * 1e300;
                case 3 -> random.nextBoolean();
                case 4 -> List.of(HostileValues.one(random), 1, false);
                case 5 -> Map.of("$gt", "", "nested", Map.of("deeper", List.of()));
                case 6, 7, 8 -> HostileValues.one(random);
                default -> plausible(member, captchaId);
            };
            if (kind != 11 || random.nextBoolean()) {
                body.put(member, value);
            }
        }
        if (random.nextInt(5) == 0) {
            body.put(HostileValues.one(random), HostileValues.one(random));
        }
        return body;
    }

    private static Object plausible(String member, String captchaId) {
        return switch (member) {
            case "phone" -> "13900000077";
            case "idTail" -> People.tail(People.residentId(77));
            case "code" -> "123456";
            case "captchaId" -> captchaId;
            default -> "ACDEF";
        };
    }
}
