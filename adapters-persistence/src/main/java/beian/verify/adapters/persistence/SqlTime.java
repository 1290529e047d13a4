package beian.verify.adapters.persistence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Instants as the DATETIME(6) text of their UTC time, bound and read as strings. Connector/J takes
 * MariaDB for a MySQL 5.5 server (it announces "5.5.5-10.11…") and drops the fractional seconds of
 * temporal parameters; text keeps the microseconds on every server, and no JVM or session time zone
 * takes part.
 */
final class SqlTime {
    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private SqlTime() {
    }

    static String of(Instant instant) {
        return instant == null ? null
                : TEXT.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    static Instant instant(String text) {
        return text == null ? null : LocalDateTime.parse(text.trim().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }
}
