package beian.verify.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.adapters.grpc.v1.Application;
import beian.verify.adapters.grpc.v1.FilingType;
import beian.verify.adapters.grpc.v1.SubmitApplicationRequest;
import beian.verify.adapters.grpc.v1.Website;
import beian.verify.adapters.persistence.testing.TestDatabase;
import beian.verify.app.jobs.Eventually;
import beian.verify.core.testing.People;
import io.grpc.ManagedChannel;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * DOMAIN.md "Manual resend" (2026-12-07) end to end: the whole service in the dev environment with its jobs
 * running, the carriers' SMS ceilings as shipped (1 a minute, 5 an hour, 10 a day), the stub carrier's inbox
 * ({@code /dev/sms}) and the movable clock ({@code /dev/clock}), on a MariaDB database of this class's own. Right
 * after the first SMS the resend is 429 with the wait; once the clock has moved past it the resend is 202, and
 * the dispatcher, woken by the resend, has the text in the inbox within seconds: "sent" means sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResendEndToEndTest {
    static final Pattern CODE = Pattern.compile("验证码为(\\d{6})");

    TestDatabase database;
    Path data;
    ApplicationContext context;
    ManagedChannel channel;
    JsonMapper json;
    final HttpClient http = HttpClient.newHttpClient();
    String base;

    @BeforeAll
    void start() throws IOException {
        database = TestDatabase.mariaDb("resend");
        data = Files.createTempDirectory("beian-resend-");
        Map<String, Object> p = new HashMap<>(database.properties());
        p.put("beian.data-dir", data.toString()); // the stub carrier's inbox file
        p.put("beian.jobs.enabled", "true");
        p.put("beian.sms.carrier", "stub");
        context = ApplicationContext.builder().environments("dev").properties(p).start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        if (!server.isRunning()) {
            server.start();
        }
        base = "http://127.0.0.1:" + server.getPort();
        json = context.getBean(JsonMapper.class);
        channel = io.grpc.ManagedChannelBuilder.forAddress("127.0.0.1",
                context.getBean(GrpcEmbeddedServer.class).getPort()).usePlaintext().build();
    }

    @AfterAll
    void stop() throws IOException, InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (context != null) {
            context.close();
        }
        if (database != null) {
            database.close();
        }
        if (data != null) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** How many texts the stub carrier's inbox holds for the phone. */
    private int texts(String phone) {
        String inbox;
        try {
            inbox = send(HttpRequest.newBuilder(URI.create(base + "/dev/sms?phone=" + phone)).GET()).body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        Matcher m = CODE.matcher(inbox);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** A resend as the page sends it, its captcha answered with the dev endpoint's help. */
    private HttpResponse<String> resend(String phone, String tail) throws Exception {
        Map<?, ?> captcha = json.readValue(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/captchas"))
                .POST(HttpRequest.BodyPublishers.noBody())).body(), Map.class);
        Map<?, ?> answer = json.readValue(send(HttpRequest.newBuilder(URI.create(base + "/dev/captchas/"
                + captcha.get("captchaId"))).GET()).body(), Map.class);
        return send(HttpRequest.newBuilder(URI.create(base + "/api/v1/resends"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("phone", phone, "idTail", tail,
                        "captchaId", captcha.get("captchaId"), "captchaAnswer", answer.get("answer"))))));
    }

    @Test
    void rightAfterTheFirstSmsTheResendTellsTheWaitAndOnceItIsOverTheAcceptedResendIsInTheInboxWithinSeconds()
            throws Exception {
        String phone = "13633330001";
        String id = People.residentId(9101);
        Application submitted = GrpcEndToEndTest.applications(channel, "demo-provider-key").submitApplication(
                SubmitApplicationRequest.newBuilder().setRequestId("resend-e2e-1").setType(FilingType.NEW_WEBSITE)
                        .setProvince("TJ").setSubjectName("重发科技有限公司")
                        .addWebsites(Website.newBuilder().setDomain("resend-e2e.cn")
                                .setPrincipal(JourneyEndToEndTest.person("王五", phone, 9101))).build());
        assertThat(submitted.getStatus()).isEqualTo(Application.Status.PENDING_VERIFICATION);
        Eventually.within(Duration.ofSeconds(10), "the first text", () -> texts(phone) == 1);

        HttpResponse<String> tooSoon = resend(phone, People.tail(id));

        assertThat(tooSoon.statusCode()).as(tooSoon.body()).isEqualTo(429);
        long wait = Long.parseLong(tooSoon.headers().firstValue("Retry-After").orElseThrow());
        Map<?, ?> problem = json.readValue(tooSoon.body(), Map.class);
        System.out.printf("RESEND right after the first SMS: 429 %s, Retry-After %d s, detail %s%n", problem.get("code"),
                wait, problem.get("detail"));
        assertThat(problem.get("code")).isEqualTo("RESEND_TOO_FREQUENT");
        assertThat(wait).isBetween(55L, 60L);
        assertThat(((Number) problem.get("retryAfterSeconds")).longValue()).isEqualTo(wait);
        assertThat(problem.get("detail")).isEqualTo("短信发送过于频繁，请于 " + wait + " 秒后再试");
        Thread.sleep(300);
        assertThat(texts(phone)).as("nothing was sent for the refused resend").isEqualTo(1);

        HttpResponse<String> moved = send(HttpRequest.newBuilder(URI.create(base + "/dev/clock"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"advanceSeconds\":" + wait + "}")));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);

        HttpResponse<String> accepted = resend(phone, People.tail(id));
        long acceptedAt = System.nanoTime();
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.body()).contains("您的短信已发送成功");
        Eventually.within(Duration.ofSeconds(5), "the resent text in the inbox", () -> texts(phone) == 2);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - acceptedAt);
        System.out.printf("RESEND accepted: in the inbox %d ms after the 202%n", millis);
        assertThat(millis).as("within seconds of the 202, not at the next minute").isLessThan(5_000);
    }
}
