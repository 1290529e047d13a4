package beian.verify.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * X-Forwarded-For from a connection that is no trusted proxy is a WARN once: the sign of a load
 * balancer nobody listed, behind which every client shares one address.
 */
@MicronautTest
@Property(name = "beian.rest.rate-limits.enabled", value = "false")
@Property(name = "beian.rest.trusted-proxies", value = "10.0.0.0/8")
class ForwardedForWarningTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    @Test
    void forwardedRequestsFromAnAddressThatIsNoTrustedProxyAreWarnedOfOnce() {
        Logger log = (Logger) LoggerFactory.getLogger(ClientAddressResolver.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        log.addAppender(appender);
        try {
            Http http = new Http(server, json);
            http.post("/api/v1/captchas", "");
            assertThat(warnings(appender)).as("no header, no warning").isEmpty();

            for (int i = 0; i < 3; i++) {
                http.post("/api/v1/captchas", "", "X-Forwarded-For", "203.0.113." + i);
            }

            List<ILoggingEvent> warnings = warnings(appender);
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0).getFormattedMessage())
                    .contains("127.0.0.1", "beian.rest.trusted-proxies")
                    .doesNotContain("203.0.113.");
        } finally {
            log.detachAppender(appender);
        }
    }

    private static List<ILoggingEvent> warnings(ListAppender<ILoggingEvent> appender) {
        return appender.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
    }
}
