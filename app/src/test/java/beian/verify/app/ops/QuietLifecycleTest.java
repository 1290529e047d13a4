package beian.verify.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.FilingType;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.SubmitApplicationUseCase;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.People;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The whole service started and stopped as in production (HTTP and gRPC servers, jobs and dispatcher
 * running) with one application submitted, texted, verified on the REST API and stopped mid-work:
 * the log it writes has no ERROR, no whole phone, no code, no ID number or tail, and every line of a
 * request carries its request id.
 */
class QuietLifecycleTest {
    static final String PHONE = "13912345678";
    static final String ID_NUMBER = People.residentId(7);

    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    {
        log.setName("quiet-lifecycle-test");
    }
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ApplicationContext context;
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path data;

    /** Micronaut's logging system resets logback as the context starts (stopping and detaching every appender). */
    final LoggerContextListener reattach = new LoggerContextListener() {
        @Override
        public boolean isResetResistant() {
            return true;
        }

        @Override
        public void onReset(LoggerContext context) {
            log.start(); // a reset stops every appender it detaches
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(log);
        }

        @Override
        public void onStart(LoggerContext context) {
        }

        @Override
        public void onStop(LoggerContext context) {
        }

        @Override
        public void onLevelChange(Logger logger, Level level) {
        }
    };

    @BeforeEach
    void listen() {
        log.start();
        root.addAppender(log);
        root.getLoggerContext().addListener(reattach);
    }

    @AfterEach
    void stopListening() {
        if (context != null && context.isRunning()) {
            context.close();
        }
        root.getLoggerContext().removeListener(reattach);
        root.detachAppender(log);
    }

    @Test
    void aGreenRunFromStartToStopLogsNoErrorNoPersonalDataAndARequestIdOnEveryRequestLine() throws Exception {
        context = ApplicationContext.builder("dev").properties(Map.of(
                "micronaut.server.port", -1,
                "beian.db.url", "jdbc:h2:mem:quiet-" + UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "beian.data-dir", data.toString(),
                "beian.jobs.enabled", "true",
                "beian.jobs.dispatch-interval", "100ms",
                "beian.jobs.auto-resend-interval", "100ms",
                "beian.jobs.return-interval", "100ms",
                "beian.jobs.captcha-purge-interval", "100ms",
                "beian.health.outbox-read-interval", "0s")).start();
        log.start();
        root.addAppender(log); // again, in case Micronaut's logging system reconfigured logback without a reset
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        String base = "http://127.0.0.1:" + server.getPort(); // the dev environment binds loopback only (application-dev.yml)

        Outcome<SubmitApplicationUseCase.Submission> submitted = context.getBean(SubmitApplicationUseCase.class).submit(
                new SubmitApplicationUseCase.SubmitApplicationCommand(CoreFixture.PROVIDER, "quiet-1",
                        FilingType.NEW_WEBSITE, "TJ", "示例", null,
                        List.of(new WebsiteInput("quiet.cn", People.person("李四", PHONE, ID_NUMBER))), false));
        assertThat(submitted).isInstanceOf(Outcome.Ok.class);

        String code = waitForCode(base);
        String captchaId = field(post(base + "/api/v1/captchas", "{}").body(), "captchaId");
        String answer = field(get(base + "/dev/captchas/" + captchaId).body(), "answer");
        HttpResponse<String> verified = post(base + "/api/v1/verifications", "{\"phone\":\"" + PHONE + "\",\"idTail\":\""
                + People.tail(ID_NUMBER) + "\",\"code\":\"" + code + "\",\"captchaId\":\"" + captchaId
                + "\",\"captchaAnswer\":\"" + answer + "\"}");
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        String requestId = verified.headers().firstValue("X-Request-Id").orElseThrow();

        // a second application is queued as the service stops: its SMS is sent or released, without an error
        context.getBean(SubmitApplicationUseCase.class).submit(new SubmitApplicationUseCase.SubmitApplicationCommand(
                CoreFixture.PROVIDER, "quiet-2", FilingType.NEW_WEBSITE, "TJ", "示例", null,
                List.of(new WebsiteInput("quiet2.cn", People.person("李四", PHONE, ID_NUMBER))), false));
        Thread.sleep(300); // a few ticks of every job
        context.close();
        Thread.sleep(300); // anything a stray thread would still log

        List<ILoggingEvent> events = List.copyOf(log.list);
        assertThat(events).isNotEmpty();
        assertThat(events).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .extracting(QuietLifecycleTest::render).isEmpty();
        assertThat(events).extracting(QuietLifecycleTest::render).allSatisfy(line -> {
            assertThat(line).doesNotContain(PHONE).doesNotContain(ID_NUMBER).doesNotContain(People.tail(ID_NUMBER))
                    .doesNotContain(code);
        });
        assertThat(events).filteredOn(e -> e.getFormattedMessage().contains("POST /api/v1/verifications"))
                .as("the request line, among %d captured", events.size())
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("requestId", requestId));
        assertThat(events).extracting(ILoggingEvent::getFormattedMessage).contains("scheduled jobs stopped");
        assertThat(events).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(banner -> assertThat(banner).contains("beian-verify is ready").contains(base + "/openapi/viewer/")
                        .contains("demo-provider-key").contains("/dev/sms").contains(data.toString()));
    }

    private String waitForCode(String base) throws Exception {
        Instant until = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(until)) {
            Matcher code = Pattern.compile("验证码为(\\d{6})").matcher(get(base + "/dev/sms?phone=" + PHONE).body());
            if (code.find()) {
                return code.group(1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no SMS reached the stub carrier's inbox");
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }

    /** The message, its MDC and its stack trace: everything a log line would show. */
    static String render(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " "
                + event.getFormattedMessage() + " " + event.getMDCPropertyMap());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return line.toString();
    }
}
