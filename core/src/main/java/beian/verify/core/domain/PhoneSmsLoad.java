package beian.verify.core.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The SMS of one phone as its ceilings will count them when its next one is handed to a carrier (DOMAIN.md
 * "Manual resend", 2026-12-07): those a carrier took within the last day, and those still queued for it (due,
 * held back by a ceiling, waiting for a retry, or in a dispatcher's hands right now), each counted at the
 * instant it is due, or now when that has passed. A manual resend answers "sent" only when one more may go now;
 * what one request plans is counted as it is planned ({@link #plus}), as the dispatcher counts its batch.
 *
 * @param sends         the phone's sends, past and to come, as counted
 * @param provinceSends the SMS each province concerned sent in the last minute and hour (empty without
 *                      province ceilings)
 */
public record PhoneSmsLoad(SmsCeilings ceilings, List<Instant> sends, Map<ProvinceCode, ProvinceSends> provinceSends) {

    /** A province's SMS of the last minute and of the last hour. */
    public record ProvinceSends(int lastMinute, int lastHour) {
        ProvinceSends plusOne() {
            return new ProvinceSends(lastMinute + 1, lastHour + 1);
        }
    }

    public PhoneSmsLoad {
        Objects.requireNonNull(ceilings, "ceilings");
        sends = List.copyOf(sends);
        provinceSends = Map.copyOf(provinceSends);
    }

    /**
     * @param sentLastDay when the carriers took the phone's SMS of the last day
     * @param queuedDue   when each SMS still queued for the phone is next due
     */
    public static PhoneSmsLoad of(SmsCeilings ceilings, List<Instant> sentLastDay, List<Instant> queuedDue,
                                  Map<ProvinceCode, ProvinceSends> provinceSends, Instant now) {
        List<Instant> sends = new ArrayList<>(sentLastDay);
        queuedDue.forEach(due -> sends.add(due.isAfter(now) ? due : now));
        return new PhoneSmsLoad(ceilings, sends, provinceSends);
    }

    /** Whether one more SMS to the phone, of {@code province}, may go at {@code now}; if not, until when it waits. */
    public Optional<SmsCeilings.HeldBack> heldBack(ProvinceCode province, Instant now) {
        ProvinceSends inProvince = provinceSends.getOrDefault(province, new ProvinceSends(0, 0));
        return ceilings.check(sends, inProvince.lastMinute(), inProvince.lastHour(), now);
    }

    /** This load with one more SMS of {@code province} going at {@code now}. */
    public PhoneSmsLoad plus(ProvinceCode province, Instant now) {
        List<Instant> more = new ArrayList<>(sends);
        more.add(now);
        Map<ProvinceCode, ProvinceSends> provinces = new HashMap<>(provinceSends);
        provinces.put(province, provinceSends.getOrDefault(province, new ProvinceSends(0, 0)).plusOne());
        return new PhoneSmsLoad(ceilings, more, provinces);
    }
}
