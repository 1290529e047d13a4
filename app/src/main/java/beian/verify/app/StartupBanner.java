package beian.verify.app;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.http.server.netty.NettyEmbeddedServer;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One block at start saying where everything is: every URL, the gRPC port, the demo keys (dev only),
 * where the data lives and how to reset it.
 */
@Singleton
class StartupBanner {
    private static final Logger LOG = LoggerFactory.getLogger(StartupBanner.class);

    private final Environment environment;
    private final String dbUrl;
    private final String dbPath;
    private final String grpcPort;
    private final String inboxFile;
    private final boolean openApi;

    StartupBanner(Environment environment, @Value("${beian.db.url}") String dbUrl,
                  @Value("${beian.db.path:./data/beian}") String dbPath,
                  @Value("${grpc.server.port:50051}") String grpcPort,
                  @Value("${beian.sms.stub.inbox-file:}") String inboxFile,
                  @Value("${beian.rest.openapi.enabled:true}") boolean openApi) {
        this.environment = environment;
        this.dbUrl = dbUrl;
        this.dbPath = dbPath;
        this.grpcPort = grpcPort;
        this.inboxFile = inboxFile;
        this.openApi = openApi;
    }

    /** Once, for the HTTP server (the gRPC server announces its start with the same event). */
    @EventListener
    void onStartup(ServerStartupEvent event) {
        if (event.getSource() instanceof NettyEmbeddedServer http) {
            LOG.info("\n{}", block(http));
        }
    }

    String block(EmbeddedServer server) {
        String base = "http://" + server.getHost() + ":" + server.getPort();
        boolean dev = environment.getActiveNames().contains("dev");
        List<String> lines = new ArrayList<>();
        lines.add("================ beian-verify is ready" + (dev ? " (dev environment)" : "") + " ================");
        row(lines, "verification page", base + "/");
        row(lines, "REST API", base + "/api/v1  (provinces, captchas, verifications, resends)");
        row(lines, "OpenAPI viewer", openApi ? base + "/openapi/viewer/" : "off (beian.rest.openapi.enabled)");
        row(lines, "health", base + "/health  (readiness " + base + "/health/readiness, liveness /health/liveness)");
        row(lines, "metrics (Prometheus)", base + "/prometheus");
        row(lines, "gRPC", server.getHost() + ":" + grpcPort + "  (ApplicationService, ReviewService, health, reflection)");
        if (dev) {
            row(lines, "dev: SMS inbox", base + "/dev/sms?phone=<phone>  (the stub carrier's texts, codes included)");
            row(lines, "dev: captcha answer", base + "/dev/captchas/<captchaId>");
            row(lines, "dev: clock", base + "/dev/clock  (POST {\"advanceSeconds\": N} moves it)");
            row(lines, "dev: demo gRPC keys", "demo-provider-key (provider demo-provider), other-provider-key"
                    + " (other-provider), demo-reviewer-key (reviewer, every province)");
            row(lines, "dev: demo client", "./mvnw -q -pl app -am test-compile -Dmaven.test.skip exec:java@demo"
                    + "  (submit, watch the events)");
        }
        if (dbUrl.startsWith("jdbc:h2:file:")) {
            Path data = Path.of(dbPath).toAbsolutePath().normalize().getParent();
            row(lines, "data", "embedded H2 file " + Path.of(dbPath).toAbsolutePath().normalize() + ".mv.db"
                    + (inboxFile.isBlank() ? "" : ", dev inbox " + Path.of(inboxFile).toAbsolutePath().normalize()));
            row(lines, "reset the data", "stop the service, then: rm -r " + data);
        } else {
            row(lines, "data", dbUrl.split("[?;]", 2)[0] // parameters may carry credentials
                    + (inboxFile.isBlank() ? "" : ", dev inbox " + Path.of(inboxFile).toAbsolutePath().normalize()));
            row(lines, "reset the data", "drop and re-create the database; Flyway migrates it at the next start");
        }
        lines.add("=".repeat(lines.get(0).length()));
        return String.join("\n", lines);
    }

    private static void row(List<String> lines, String what, String where) {
        lines.add(String.format("  %-22s %s", what, where));
    }
}
