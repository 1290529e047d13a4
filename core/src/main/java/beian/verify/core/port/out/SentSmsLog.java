package beian.verify.core.port.out;

import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProvinceCode;
import java.time.Instant;
import java.util.List;

/** When SMS went out, per phone and per province: what the SMS ceilings are checked against. */
public interface SentSmsLog {

    /** A carrier took an SMS to this phone. Entries older than a day may be forgotten. */
    void record(PhoneNumber phone, ProvinceCode province, Instant sentAt);

    /** When the phone's SMS after {@code since} went out. */
    List<Instant> sentToPhoneSince(PhoneNumber phone, Instant since);

    /** How many SMS of the province went out after {@code since}. */
    int sentInProvinceSince(ProvinceCode province, Instant since);
}
