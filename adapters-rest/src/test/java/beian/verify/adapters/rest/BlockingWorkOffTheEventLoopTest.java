package beian.verify.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.port.in.AdmitRequestUseCase;
import beian.verify.core.port.in.AdmitRequestUseCase.Admission;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Every request that reaches the database (here: the shared rate-limit count, a statement) runs on
 * the blocking pool, never on a Netty event loop: a statement waiting for a dead database there
 * stalls every answer of that loop, health included (issue 12, found under a database outage). The
 * page counts its captcha against the captcha limit, so it is one of them.
 */
@MicronautTest
class BlockingWorkOffTheEventLoopTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    static final List<String> THREADS = new CopyOnWriteArrayList<>();

    @MockBean(AdmitRequestUseCase.class)
    AdmitRequestUseCase admissions() {
        return command -> {
            THREADS.add(command.limit() + " on " + Thread.currentThread().getName());
            return Admission.ADMITTED;
        };
    }

    @Test
    void thePageAndThePlatformsRequestsCountTheirLimitsOffTheEventLoop() {
        Http http = new Http(server, json);
        THREADS.clear();
        assertThat(http.get("/").status()).isEqualTo(200);
        assertThat(http.post("/api/v1/captchas", "").status()).isEqualTo(201);

        assertThat(THREADS).hasSize(2).allSatisfy(t -> assertThat(t).doesNotContainIgnoringCase("eventloop"));
    }
}
