package beian.verify.app.faults;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The stack traces a test that kills the database provokes on purpose (the connection pool marking its
 * connections broken, the event sequencer's failed stamping, the transaction manager's failed commit),
 * kept for the test to check instead of printed to the run's output; closing gives the loggers back.
 * The one-line WARNs of the service's own answers (503, UNAVAILABLE, a job that cannot reach the
 * database) still print: they are the operator's view of an outage.
 */
final class DatabaseFailureLogs implements AutoCloseable {
    static final List<String> LOGGERS = List.of("com.zaxxer.hikari", "io.micronaut.transaction",
            "beian.verify.adapters.persistence.EventSequencer");

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    DatabaseFailureLogs() {
        appender.start();
        for (String name : LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.addAppender(appender);
            logger.setAdditive(false);
        }
    }

    List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    /** Whether the event, or its throwable or one of its causes, says the database went away. */
    static boolean aboutTheDatabase(ILoggingEvent event) {
        if (event.getThrowableProxy() == null) {
            return true; // a line, no trace: nothing kept from the run's output that it would not show
        }
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            String text = t.getClassName() + ": " + t.getMessage();
            if (text.contains("SQL") || text.contains("Communications link failure") || text.contains("Connection")
                    || text.contains("connection")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        for (String name : LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.setAdditive(true);
            logger.detachAppender(appender);
        }
        appender.stop();
    }
}
