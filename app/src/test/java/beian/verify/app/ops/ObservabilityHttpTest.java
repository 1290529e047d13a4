package beian.verify.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.domain.FilingType;
import beian.verify.core.port.in.SubmitApplicationUseCase;
import beian.verify.core.port.in.SubmitApplicationUseCase.WebsiteInput;
import beian.verify.core.port.in.VerifyCodeUseCase;
import beian.verify.core.testing.CoreFixture;
import beian.verify.core.testing.People;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an operator scrapes and probes: Prometheus metrics, readiness and liveness. */
class ObservabilityHttpTest {
    final HttpClient http = HttpClient.newHttpClient();
    EmbeddedServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.getApplicationContext().close();
        }
    }

    String start(boolean jobs) {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "beian.db.url", "jdbc:h2:mem:ops-" + UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "beian.jobs.enabled", String.valueOf(jobs),
                "beian.health.outbox-read-interval", "0s"));
        return "http://localhost:" + server.getPort();
    }

    @Test
    void prometheusShowsTheBusinessMetersTheOutboxAndRequestLatencyHistograms() throws Exception {
        String base = start(false);
        server.getApplicationContext().getBean(SubmitApplicationUseCase.class).submit(
                new SubmitApplicationUseCase.SubmitApplicationCommand(CoreFixture.PROVIDER, "ops-1", FilingType.NEW_WEBSITE,
                        "TJ", "示例", null, List.of(new WebsiteInput("ops.cn",
                        People.person("李四", "13900000002", People.residentId(2)))), false));
        server.getApplicationContext().getBean(VerifyCodeUseCase.class).verify(
                new VerifyCodeUseCase.VerifyCodeCommand("13900000002", "000000", "000000", "none", "none", "127.0.0.1"));
        get(base + "/api/v1/provinces");

        String metrics = get(base + "/prometheus").body();

        assertThat(metrics).contains("beian_submissions_total{province=\"TJ\",type=\"new_website\"} 1.0");
        assertThat(metrics).contains("beian_verifications_total{outcome=\"captcha_invalid\"} 1.0");
        assertThat(metrics).contains("beian_outbox_backlog 1.0"); // no dispatcher here: the SMS waits
        assertThat(metrics).contains("beian_outbox_oldest_age_seconds");
        assertThat(metrics).contains("http_server_requests_seconds_bucket{");
    }

    @Test
    void readinessNamesTheDatabaseTheDispatcherAndTheOutboxAndLivenessStandsApart() throws Exception {
        String base = start(true);

        HttpResponse<String> readiness = get(base + "/health/readiness");
        HttpResponse<String> liveness = get(base + "/health/liveness");

        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(readiness.body()).contains("UP");
        assertThat(liveness.statusCode()).as(liveness.body()).isEqualTo(200);
        assertThat(server.getApplicationContext().getBeansOfType(
                io.micronaut.management.health.indicator.HealthIndicator.class,
                io.micronaut.inject.qualifiers.Qualifiers.byStereotype(
                        io.micronaut.management.health.indicator.annotation.Readiness.class)))
                .extracting(i -> i.getClass().getSimpleName()).contains("Dispatcher", "Outbox");
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
