package beian.verify.core.testing;

import beian.verify.core.port.out.AppClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** A clock tests set and move. */
public final class MutableClock implements AppClock {
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    /** A clock at a local date-time in Asia/Shanghai. */
    public static MutableClock atShanghai(int year, int month, int day, int hour, int minute) {
        return new MutableClock(shanghai(year, month, day, hour, minute));
    }

    public static Instant shanghai(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(SHANGHAI).toInstant();
    }

    @Override
    public Instant now() {
        return now;
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }
}
