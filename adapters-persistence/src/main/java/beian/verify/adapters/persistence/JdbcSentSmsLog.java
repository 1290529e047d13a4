package beian.verify.adapters.persistence;

import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.port.out.SentSmsLog;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    private final TransactionOperations<Connection> transactions;

    JdbcSentSmsLog(SentSmsRows rows, PersonalDataCipher cipher, TransactionOperations<Connection> transactions) {
        this.rows = rows;
        this.cipher = cipher;
        this.transactions = transactions;
    }

    @Override
    public void record(PhoneNumber phone, ProvinceCode province, Instant sentAt) {
        rows.insert(index(phone), province.value(), SqlTime.of(sentAt));
        rows.deleteBefore(SqlTime.of(sentAt.minus(KEPT)));
    }

    /** One multi-row insert, and one forgetting of old entries for all of them. */
    @Override
    public void recordAll(List<Sent> sent) {
        if (sent.isEmpty()) {
            return;
        }
        List<Object[]> params = new ArrayList<>();
        Instant latest = sent.get(0).sentAt();
        for (Sent s : sent) {
            params.add(new Object[] {index(s.phone()), s.province().value(), SqlTime.of(s.sentAt())});
            latest = s.sentAt().isAfter(latest) ? s.sentAt() : latest;
        }
        JdbcBatch.insert(transactions.getConnection(), "sms_sent", List.of("phone_index", "province", "sent_at"), params);
        rows.deleteBefore(SqlTime.of(latest.minus(KEPT)));
    }

    /** One query (ix_sms_sent_phone) for all the phones. */
    @Override
    public Map<PhoneNumber, List<Instant>> sentToPhonesSince(Collection<PhoneNumber> phones, Instant since) {
        Map<PhoneNumber, List<Instant>> out = new LinkedHashMap<>();
        Map<String, PhoneNumber> byIndex = new HashMap<>();
        for (PhoneNumber phone : phones) {
            out.put(phone, new ArrayList<>());
            byIndex.put(index(phone), phone);
        }
        if (byIndex.isEmpty()) {
            return out;
        }
        String marks = String.join(", ", Collections.nCopies(byIndex.size(), "?"));
        try (PreparedStatement s = transactions.getConnection().prepareStatement(
                "SELECT phone_index, sent_at FROM sms_sent WHERE phone_index IN (" + marks + ") AND sent_at > ?")) {
            int i = 1;
            for (String index : byIndex.keySet()) {
                s.setString(i++, index);
            }
            s.setString(i, SqlTime.of(since));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.get(byIndex.get(r.getString(1))).add(SqlTime.instant(r.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("sms_sent: " + e.getMessage(), e);
        }
        return out;
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
