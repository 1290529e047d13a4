package beian.verify.core.port.out;

import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProvinceCode;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** When SMS went out, per phone and per province: what the SMS ceilings are checked against. */
public interface SentSmsLog {

    /** A carrier took an SMS to this phone. Entries older than a day may be forgotten. */
    void record(PhoneNumber phone, ProvinceCode province, Instant sentAt);

    /** One SMS a carrier took. */
    record Sent(PhoneNumber phone, ProvinceCode province, Instant sentAt) {
    }

    /** {@link #record} of each, in the caller's transaction; a store may insert them together. */
    default void recordAll(List<Sent> sent) {
        sent.forEach(s -> record(s.phone(), s.province(), s.sentAt()));
    }

    /** When the phone's SMS after {@code since} went out. */
    List<Instant> sentToPhoneSince(PhoneNumber phone, Instant since);

    /** {@link #sentToPhoneSince} of several phones (every one given is a key); a store may read them in one query. */
    default Map<PhoneNumber, List<Instant>> sentToPhonesSince(Collection<PhoneNumber> phones, Instant since) {
        Map<PhoneNumber, List<Instant>> out = new LinkedHashMap<>();
        phones.forEach(p -> out.computeIfAbsent(p, k -> sentToPhoneSince(k, since)));
        return out;
    }

    /** How many SMS of the province went out after {@code since}. */
    int sentInProvinceSince(ProvinceCode province, Instant since);
}
