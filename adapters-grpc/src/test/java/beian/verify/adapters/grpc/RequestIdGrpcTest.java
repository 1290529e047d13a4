package beian.verify.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.port.in.SubmitApplicationUseCase;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@link RequestIdInterceptor}: every log line of a gRPC call carries one request id (MDC {@code requestId}),
 * the caller's {@code x-request-id} when it is a plain token, a new one otherwise.
 * The lines are captured by a logback appender on the logger the use case writes to and on {@link GrpcErrors}.
 */
@MicronautTest
@Property(name = "test.logging-submissions", value = "true")
class RequestIdGrpcTest extends GrpcTestSupport {
    static final String USE_CASE_LOGGER = "beian.verify.test.LoggingSubmissions";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /** Writes a line inside the call, on whatever thread gRPC runs it, then fails so GrpcErrors writes one too. */
    @Primary
    @Singleton
    @Requires(property = "test.logging-submissions", value = "true")
    static class LoggingSubmissions implements SubmitApplicationUseCase {
        @Override
        public beian.verify.core.port.in.Outcome<Submission> submit(SubmitApplicationCommand command) {
            LoggerFactory.getLogger(USE_CASE_LOGGER).info("submitting {}", command.requestId());
            throw new IllegalStateException("stopped here on purpose");
        }
    }

    /** Reads each line's MDC as it is written, on the thread that writes it (logback would read it later). */
    final ListAppender<ILoggingEvent> lines = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.getMDCPropertyMap();
            super.append(event);
        }
    };
    final List<Logger> loggers = List.of((Logger) LoggerFactory.getLogger(USE_CASE_LOGGER),
            (Logger) LoggerFactory.getLogger(GrpcErrors.class));

    /** Captured, and kept off the console: the failures are on purpose, and a green run prints no ERROR. */
    @BeforeEach
    void capture() {
        lines.start();
        loggers.forEach(l -> {
            l.addAppender(lines);
            l.setAdditive(false);
        });
    }

    @AfterEach
    void release() {
        loggers.forEach(l -> {
            l.detachAppender(lines);
            l.setAdditive(true);
        });
    }

    /** The request ids of the captured lines of the call whose SubmitApplication request id is {@code marker}. */
    private List<String> idsOfCall(String marker, Runnable call) {
        int before = lines.list.size();
        call.run();
        List<ILoggingEvent> mine = List.copyOf(lines.list.subList(before, lines.list.size()));
        assertThat(mine).as("the use case's line and the failure's line").hasSize(2);
        assertThat(mine.get(0).getFormattedMessage()).isEqualTo("submitting " + marker);
        return mine.stream().map(e -> e.getMDCPropertyMap().get(RequestIdInterceptor.MDC_KEY)).toList();
    }

    private Runnable submit(String requestId, Supplier<Metadata> headers) {
        return () -> failure(() -> provider().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers.get()))
                .submitApplication(newFiling("TJ").toBuilder().setRequestId(requestId).build()),
                Status.Code.INTERNAL, "INTERNAL");
    }

    private static Metadata requestId(String value) {
        Metadata headers = new Metadata();
        headers.put(RequestIdInterceptor.HEADER, value);
        return headers;
    }

    @Test
    void theCallersPlainRequestIdIsOnEveryLineOfTheCall() {
        List<String> ids = idsOfCall("r-given", submit("r-given", () -> requestId("proxy-7f3a.42:9")));
        assertThat(ids).containsExactly("proxy-7f3a.42:9", "proxy-7f3a.42:9");
    }

    @Test
    void withoutOneEachCallGetsItsOwnNewIdOnAllItsLines() {
        List<String> first = idsOfCall("r-none-1", submit("r-none-1", Metadata::new));
        List<String> second = idsOfCall("r-none-2", submit("r-none-2", Metadata::new));
        assertThat(first.get(0)).matches(UUID);
        assertThat(first).containsOnly(first.get(0));
        assertThat(second.get(0)).matches(UUID);
        assertThat(second).containsOnly(second.get(0));
        assertThat(first.get(0)).isNotEqualTo(second.get(0));
    }

    @Test
    void anIdThatIsNoPlainTokenIsReplacedNotLogged() {
        String forged = "x\r\nERROR forged line " + "y".repeat(80);
        for (String given : List.of("has spaces in it", "z".repeat(65), forged.replace("\r\n", "_"))) {
            List<String> ids = idsOfCall("r-bad", submit("r-bad", () -> requestId(given)));
            assertThat(ids.get(0)).as("instead of " + given).matches(UUID);
            assertThat(ids).containsOnly(ids.get(0));
        }
    }

    @Test
    void aLaterCallWithoutAnIdGetsANewOneNotTheLastCallers() {
        idsOfCall("r-after", submit("r-after", () -> requestId("left-behind-1")));
        List<String> next = idsOfCall("r-next", submit("r-next", Metadata::new));
        assertThat(next.get(0)).matches(UUID);
        assertThat(next).containsOnly(next.get(0));
        assertThat(MDC.get(RequestIdInterceptor.MDC_KEY)).as("nothing on the client's thread").isNull();
    }
}
