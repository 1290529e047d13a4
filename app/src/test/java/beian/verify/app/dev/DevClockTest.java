package beian.verify.app.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import beian.verify.app.jobs.Eventually;
import beian.verify.app.jobs.TimedCarrier;
import beian.verify.core.domain.EventType;
import beian.verify.core.domain.FilingType;
import beian.verify.core.port.in.Outcome;
import beian.verify.core.port.in.SubmitApplicationUseCase;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.EventStore;
import beian.verify.core.port.out.TransactionRunner;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.People;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The dev environment's movable clock: {@code /dev/clock}, and scheduled work that follows it. */
class DevClockTest {

    ApplicationContext context(String... environments) {
        return ApplicationContext.builder().environments(environments)
                .properties(Map.of("beian.jobs.enabled", "true", "beian.jobs.auto-resend-interval", "200ms",
                        "beian.jobs.return-interval", "200ms",
                        "beian.security.hash-key", "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=",
                        "beian.db.url", "jdbc:h2:mem:devclock-" + UUID.randomUUID()
                                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"))
                .singletons(new TimedCarrier())
                .start();
    }

    @Test
    void inDevTheClockMovesForwardAndTheReturnFollowsWithinSeconds() {
        try (ApplicationContext ctx = context("dev");
             EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
             HttpClient http = HttpClient.create(server.getURL())) {
            assertThat(ctx.getBean(AppClock.class)).isInstanceOf(DevClock.class);
            Outcome<?> submitted = ctx.getBean(SubmitApplicationUseCase.class).submit(
                    new SubmitApplicationUseCase.SubmitApplicationCommand(CoreFixture.PROVIDER, "r1",
                            FilingType.NEW_WEBSITE, "TJ", "示例", null,
                            List.of(new WebsiteInput("a.cn", People.person("李四", "13900000002", People.residentId(2)))),
                            false));
            assertThat(submitted).isInstanceOf(Outcome.Ok.class);
            Instant before = Instant.parse((String) http.toBlocking().retrieve(HttpRequest.GET("/dev/clock"),
                    Argument.mapOf(String.class, Object.class)).get("now"));

            Map<String, Object> moved = http.toBlocking().retrieve(
                    HttpRequest.POST("/dev/clock", Map.of("advanceSeconds", 48 * 3600 + 1)),
                    Argument.mapOf(String.class, Object.class));

            assertThat(Duration.between(before, Instant.parse((String) moved.get("now"))))
                    .isBetween(Duration.ofHours(48), Duration.ofHours(48).plusMinutes(1));
            Eventually.within(Duration.ofSeconds(5), "returned on the moved clock",
                    () -> ctx.getBean(TransactionRunner.class).inTransaction(
                                    () -> ctx.getBean(EventStore.class).readAfter(CoreFixture.PROVIDER, 0, 100)).stream()
                            .anyMatch(e -> e.event().type() == EventType.RETURNED));
        }
    }

    @Test
    void theClockOnlyMovesForwardAndABadRequestNamesTheField() {
        try (ApplicationContext ctx = context("dev");
             EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
             HttpClient http = HttpClient.create(server.getURL())) {
            for (Object bad : List.of(-1, "soon", Long.MAX_VALUE)) {
                HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                        () -> http.toBlocking().retrieve(HttpRequest.POST("/dev/clock", Map.of("advanceSeconds", bad)),
                                String.class));
                assertThat(e.code()).as("advanceSeconds %s", bad).isEqualTo(400);
            }
            HttpClientResponseException missing = catchThrowableOfType(HttpClientResponseException.class,
                    () -> http.toBlocking().retrieve(HttpRequest.POST("/dev/clock", Map.of()), String.class));
            assertThat(missing.getResponse().getBody(String.class).orElseThrow()).contains("advanceSeconds");
        }
    }

    @Test
    void outsideDevThereIsNoClockEndpointAndTheClockIsTheSystemOne() {
        try (ApplicationContext ctx = context();
             EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
             HttpClient http = HttpClient.create(server.getURL())) {
            assertThat(ctx.getBean(AppClock.class)).isNotInstanceOf(DevClock.class);
            assertThat(Duration.between(ctx.getBean(AppClock.class).now(), Instant.now()).abs())
                    .isLessThan(Duration.ofSeconds(5));
            HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                    () -> http.toBlocking().retrieve(HttpRequest.GET("/dev/clock"), String.class));
            assertThat(e.code()).isEqualTo(404);
        }
    }
}
