package beian.verify.adapters.persistence;

import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.port.out.SentSmsLog;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The sent-SMS log in {@code sms_sent}, by the phone's blind index: the outbox cannot answer "how many to this
 * phone in the last hour" (its phone is encrypted with a fresh nonce, so not searchable). Each record forgets a
 * few entries older than two days, so the table stays about the size of two days of SMS.
 */
@Singleton
class JdbcSentSmsLog implements SentSmsLog {
    static final Duration KEPT = Duration.ofDays(2);

    private final SentSmsRows rows;
    private final PersonalDataCipher cipher;

    JdbcSentSmsLog(SentSmsRows rows, PersonalDataCipher cipher) {
        this.rows = rows;
        this.cipher = cipher;
    }

    @Override
    public void record(PhoneNumber phone, ProvinceCode province, Instant sentAt) {
        rows.insert(index(phone), province.value(), SqlTime.of(sentAt));
        rows.deleteBefore(SqlTime.of(sentAt.minus(KEPT)));
    }

    @Override
    public List<Instant> sentToPhoneSince(PhoneNumber phone, Instant since) {
        return rows.sentAtOfPhoneSince(index(phone), SqlTime.of(since)).stream().map(SqlTime::instant).toList();
    }

    @Override
    public int sentInProvinceSince(ProvinceCode province, Instant since) {
        return (int) rows.countInProvinceSince(province.value(), SqlTime.of(since));
    }

    private String index(PhoneNumber phone) {
        return cipher.blindIndex(JdbcApplicationRepository.PHONE, phone.value());
    }
}
