package beian.verify.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How many SMS a phone and a province may get, checked before a message is handed to any carrier. The
 * defaults are the carriers' own limits for verification codes per number (1 a minute, 5 an hour, 10 a day,
 * as Tencent and Alibaba document them), so a message the carrier would refuse is held back here instead,
 * visibly, and sent when the window allows. A province's ceilings are off (0) unless configured.
 *
 * @param perPhonePerMinute    0: no ceiling
 * @param perProvincePerMinute 0: no ceiling
 */
public record SmsCeilings(int perPhonePerMinute, int perPhonePerHour, int perPhonePerDay, int perProvincePerMinute,
                          int perProvincePerHour) {
    public static final Duration MINUTE = Duration.ofMinutes(1);
    public static final Duration HOUR = Duration.ofHours(1);
    public static final Duration DAY = Duration.ofDays(1);

    public SmsCeilings {
        for (int limit : new int[] {perPhonePerMinute, perPhonePerHour, perPhonePerDay, perProvincePerMinute,
                perProvincePerHour}) {
            if (limit < 0) {
                throw new InvalidSettingException("sms-ceilings", "a ceiling is 0 (none) or more");
            }
        }
    }

    /** The carriers' limits per number; no province ceiling. */
    public static SmsCeilings defaults() {
        return new SmsCeilings(1, 5, 10, 0, 0);
    }

    /** No ceiling at all. */
    public static SmsCeilings none() {
        return new SmsCeilings(0, 0, 0, 0, 0);
    }

    /** Whether a province has a ceiling: without one its sends need not be counted. */
    public boolean limitsProvinces() {
        return perProvincePerMinute > 0 || perProvincePerHour > 0;
    }

    /** A message held back: until when, and which ceiling. */
    public record HeldBack(Instant until, String reason) {
    }

    /**
     * Whether one more SMS to this phone in this province may go now.
     *
     * @param phoneSendsLastDay when the phone's SMS of the last day went out
     * @param provinceLastMinute the province's SMS of the last minute; {@code provinceLastHour} of the last hour
     */
    public Optional<HeldBack> check(List<Instant> phoneSendsLastDay, int provinceLastMinute, int provinceLastHour,
                                    Instant now) {
        Instant until = null;
        String reason = null;
        int[] limits = {perPhonePerMinute, perPhonePerHour, perPhonePerDay};
        Duration[] windows = {MINUTE, HOUR, DAY};
        String[] names = {"a minute", "an hour", "a day"};
        for (int i = 0; i < limits.length; i++) {
            Instant since = now.minus(windows[i]);
            List<Instant> inWindow = phoneSendsLastDay.stream().filter(t -> t.isAfter(since)).sorted().toList();
            if (limits[i] > 0 && inWindow.size() >= limits[i]) {
                // free again when enough of them have left the window
                Instant free = inWindow.get(inWindow.size() - limits[i]).plus(windows[i]);
                if (until == null || free.isAfter(until)) {
                    until = free;
                    reason = "phone ceiling: " + limits[i] + " SMS " + names[i];
                }
            }
        }
        int[] provinceCounts = {provinceLastMinute, provinceLastHour};
        int[] provinceLimits = {perProvincePerMinute, perProvincePerHour};
        for (int i = 0; i < provinceLimits.length; i++) {
            if (provinceLimits[i] > 0 && provinceCounts[i] >= provinceLimits[i]) {
                // the province's sends are counted, not listed: try again after one share of the window
                Instant free = now.plus(windows[i].dividedBy(provinceLimits[i]));
                if (until == null || free.isAfter(until)) {
                    until = free;
                    reason = "province ceiling: " + provinceLimits[i] + " SMS " + names[i];
                }
            }
        }
        return until == null ? Optional.empty() : Optional.of(new HeldBack(until, reason));
    }
}
