package beian.verify.archfixtures.core.clock;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.function.Supplier;

/** Each nested class reads the system clock one way; each must break rule 3 on its own. */
public final class SystemClockReaders {

    private SystemClockReaders() {
    }

    public static final class CallsInstantNow {
        Object read() {
            return Instant.now();
        }
    }

    public static final class ReferencesInstantNow {
        Supplier<Instant> read() {
            return Instant::now;
        }
    }

    public static final class CallsLocalDateTimeNow {
        Object read() {
            return LocalDateTime.now();
        }
    }

    public static final class CallsLocalDateTimeNowInAZone {
        Object read() {
            return LocalDateTime.now(ZoneId.of("Asia/Shanghai"));
        }
    }

    public static final class CallsLocalDateNow {
        Object read() {
            return LocalDate.now();
        }
    }

    public static final class CallsZonedDateTimeNow {
        Object read() {
            return ZonedDateTime.now();
        }
    }

    public static final class CallsOffsetDateTimeNow {
        Object read() {
            return OffsetDateTime.now();
        }
    }

    public static final class CallsSystemCurrentTimeMillis {
        long read() {
            return System.currentTimeMillis();
        }
    }

    public static final class CallsClockSystemUtc {
        Object read() {
            return Clock.systemUTC();
        }
    }

    public static final class CallsClockSystemDefaultZone {
        Object read() {
            return Clock.systemDefaultZone();
        }
    }

    public static final class CallsNowInALambda {
        Supplier<Instant> read() {
            return () -> Instant.now();
        }
    }
}
