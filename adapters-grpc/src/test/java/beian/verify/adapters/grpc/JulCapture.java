package beian.verify.adapters.grpc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What a java.util.logging logger (grpc-java's, protobuf's) says while a test provokes it on purpose,
 * kept for the test to read instead of printed to the run's output; closing gives the logger back.
 */
final class JulCapture implements AutoCloseable {
    private final Logger logger; // held: java.util.logging keeps its loggers only weakly
    private final boolean parentHandlers;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private JulCapture(String name) {
        this.logger = Logger.getLogger(name);
        this.parentHandlers = logger.getUseParentHandlers();
        logger.addHandler(recorder);
        logger.setUseParentHandlers(false);
    }

    static JulCapture of(String loggerName) {
        return new JulCapture(loggerName);
    }

    List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The records once at least one has come (a server thread may log after the client heard), or none after 5 s. */
    List<LogRecord> awaitRecords() throws InterruptedException {
        for (int i = 0; i < 100 && records.isEmpty(); i++) {
            Thread.sleep(50);
        }
        return records();
    }

    @Override
    public void close() {
        logger.removeHandler(recorder);
        logger.setUseParentHandlers(parentHandlers);
    }
}
