package beian.verify.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import beian.verify.core.port.in.SubmitApplicationUseCase;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** An unexpected failure reaches the client as INTERNAL with an id, and nothing of its cause. */
@MicronautTest
@Property(name = "test.broken-submissions", value = "true")
class UnexpectedFailureGrpcTest extends GrpcTestSupport {

    /** Fails the way a broken database would, with SQL in the message. */
    @Primary
    @Singleton
    @Requires(property = "test.broken-submissions", value = "true")
    static class BrokenSubmissions implements SubmitApplicationUseCase {
        @Override
        public beian.verify.core.port.in.Outcome<Submission> submit(SubmitApplicationCommand command) {
            throw new IllegalStateException("Deadlock found when trying to get lock; SQL [INSERT INTO application ...]");
        }
    }

    @Test
    void theClientGetsInternalWithAnIdThatTheLogLineCarriesAndNoCause() {
        Logger log = (Logger) LoggerFactory.getLogger(GrpcErrors.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        log.addAppender(appender);
        log.setAdditive(false); // the ERROR and its trace are this test's to read, not the run's output
        try {
            StatusRuntimeException e = failure(() -> provider().submitApplication(newFiling("TJ")),
                    Status.Code.INTERNAL, "INTERNAL");
            String description = e.getStatus().getDescription();
            assertThat(description).matches("INTERNAL: internal error, id [0-9a-f-]{36}");
            assertThat(description).doesNotContain("SQL", "Deadlock", "Exception");
            assertThat(e.getTrailers().toString()).doesNotContain("SQL", "Deadlock");
            String id = description.substring(description.lastIndexOf(' ') + 1);
            assertThat(appender.list).anySatisfy(event -> {
                assertThat(event.getFormattedMessage()).contains(id).contains("SubmitApplication");
                assertThat(event.getThrowableProxy().getMessage()).contains("Deadlock");
            });
        } finally {
            log.setAdditive(true);
            log.detachAppender(appender);
        }
    }
}
