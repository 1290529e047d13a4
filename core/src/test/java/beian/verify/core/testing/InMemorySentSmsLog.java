package beian.verify.core.testing;

import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.port.out.SentSmsLog;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;

/** Every SMS sent, in order, keyed by a running number. */
public final class InMemorySentSmsLog extends InMemoryTable<Long, InMemorySentSmsLog.Sent> implements SentSmsLog {

    /** One SMS a carrier took. */
    public record Sent(PhoneNumber phone, ProvinceCode province, Instant sentAt) {
    }

    public InMemorySentSmsLog(InMemoryTransactions tx) {
        super(tx, LinkedHashMap::new);
    }

    @Override
    public void record(PhoneNumber phone, ProvinceCode province, Instant sentAt) {
        rows().put((long) rows().size(), new Sent(phone, province, sentAt));
    }

    @Override
    public List<Instant> sentToPhoneSince(PhoneNumber phone, Instant since) {
        return rows().values().stream().filter(s -> s.phone().equals(phone) && s.sentAt().isAfter(since))
                .map(Sent::sentAt).toList();
    }

    @Override
    public int sentInProvinceSince(ProvinceCode province, Instant since) {
        return (int) rows().values().stream().filter(s -> s.province().equals(province) && s.sentAt().isAfter(since)).count();
    }
}
