package beian.verify.adapters.persistence;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.OutboundSms;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.domain.VerificationCode;
import beian.verify.core.port.out.SmsOutbox;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SMS outbox in {@code sms_outbox}. Its phone and code are encrypted; the code (column
 * {@code sms_text}) is kept only until the carrier takes the message ({@link OutboundSms#sent}
 * drops it, and so does the row). Rows queued by 0.1.0 hold the whole rendered SMS in that column:
 * their code is read back out of it, so an upgrade loses no queued message.
 */
@Singleton
class JdbcSmsOutbox implements SmsOutbox {
    static final String TEXT = "sms-text";
    /** The 0.1.0 SMS text: "...验证码为123456，请于...". */
    private static final Pattern LEGACY_TEXT_CODE = Pattern.compile("验证码为(\\d{6})");
    private static final int ERROR_MAX = 1000;
    private static final int REFERENCE_MAX = 128;
    /** As {@link OutboxRow} maps them, for the multi-row insert. */
    private static final List<String> COLUMNS = List.of("id", "provider", "application_id", "target_number", "phone",
            "sms_text", "sms_trigger", "status", "attempts", "next_attempt_at", "lease_until", "last_error",
            "carrier_reference", "delivery");

    private final OutboxRows rows;
    private final PersonalDataCipher cipher;
    private final TransactionOperations<Connection> transactions;

    JdbcSmsOutbox(OutboxRows rows, PersonalDataCipher cipher, TransactionOperations<Connection> transactions) {
        this.rows = rows;
        this.cipher = cipher;
        this.transactions = transactions;
    }

    /** The one insert path: {@link #enqueueAll} of one. */
    @Override
    public void enqueue(OutboundSms s) {
        enqueueAll(List.of(s));
    }

    /** One multi-row statement for the messages of one change (a submission queues one per target). */
    @Override
    public void enqueueAll(List<OutboundSms> messages) {
        if (messages.isEmpty()) {
            return;
        }
        JdbcBatch.insert(transactions.getConnection(), "sms_outbox", COLUMNS, messages.stream().map(s -> new Object[] {
                s.id(), s.provider().value(), s.applicationId().value(), s.targetNumber(),
                cipher.encrypt(JdbcApplicationRepository.PHONE, s.phone().value()), sealCode(s.code()), s.trigger().name(),
                s.status().name(), s.attempts(), SqlTime.of(s.nextAttemptAt()), SqlTime.of(s.leaseUntil()),
                Sql.clip(s.lastError(), ERROR_MAX), reference(s.carrierReference()),
                s.delivery() == null ? null : s.delivery().name()}).toList());
    }

    @Override
    public List<OutboundSms> claimDue(Instant now, Instant leaseUntil, int limit) {
        List<OutboxRow> due = rows.lockDue(SqlTime.of(now), limit);
        if (due.isEmpty()) {
            return List.of();
        }
        rows.lease(due.stream().map(OutboxRow::id).toList(), SqlTime.of(leaseUntil));
        return due.stream().map(r -> sms(r).leased(leaseUntil)).toList();
    }

    @Override
    public void release(List<String> ids) {
        if (!ids.isEmpty()) {
            rows.lease(ids, null);
        }
    }

    @Override
    public Optional<OutboundSms> find(String id) {
        return rows.find(id).map(this::sms);
    }

    /** One statement, by the primary key. */
    @Override
    public List<OutboundSms> findAll(List<String> ids) {
        return ids.isEmpty() ? List.of() : rows.findByIds(ids).stream().map(this::sms).toList();
    }

    /** One statement by the applications' index; nothing is decrypted (the target names the phone). */
    @Override
    public List<Queued> queuedOf(Collection<ApplicationId> applications) {
        if (applications.isEmpty()) {
            return List.of();
        }
        return rows.findQueuedOf(applications.stream().map(ApplicationId::value).distinct().toList()).stream()
                .map(r -> new Queued(new ApplicationId(r.applicationId()), r.targetNumber(),
                        SqlTime.instant(r.nextAttemptAt())))
                .toList();
    }

    /** As {@link #update} of each, in one statement; each entry must exist. */
    @Override
    public void updateAll(List<OutboundSms> messages) {
        List<Object[]> params = new ArrayList<>();
        for (OutboundSms s : messages) {
            params.add(new Object[] {cipher.encrypt(JdbcApplicationRepository.PHONE, s.phone().value()),
                    sealCode(s.code()), s.status().name(), s.attempts(), SqlTime.of(s.nextAttemptAt()),
                    SqlTime.of(s.leaseUntil()), Sql.clip(s.lastError(), ERROR_MAX), reference(s.carrierReference()),
                    s.delivery() == null ? null : s.delivery().name(), s.id()});
        }
        JdbcBatch.update(transactions.getConnection(), "sms_outbox", List.of("phone", "sms_text", "status",
                "attempts", "next_attempt_at", "lease_until", "last_error", "carrier_reference", "delivery"),
                List.of("id"), null, params);
    }

    @Override
    public Optional<OutboundSms> lockByCarrierReference(String carrierReference) {
        if (carrierReference == null || carrierReference.length() > REFERENCE_MAX) {
            return Optional.empty();
        }
        return rows.lockByCarrierReference(carrierReference).map(this::sms);
    }

    @Override
    public void update(OutboundSms s) {
        int changed = rows.update(s.id(), cipher.encrypt(JdbcApplicationRepository.PHONE, s.phone().value()),
                sealCode(s.code()), s.status().name(), s.attempts(), SqlTime.of(s.nextAttemptAt()), SqlTime.of(s.leaseUntil()),
                Sql.clip(s.lastError(), ERROR_MAX), reference(s.carrierReference()),
                s.delivery() == null ? null : s.delivery().name());
        if (changed != 1) {
            throw new IllegalStateException("no outbox entry " + s.id());
        }
    }

    private String sealCode(VerificationCode code) {
        return code == null ? null : cipher.encrypt(TEXT, code.value());
    }

    private VerificationCode unsealCode(String sealed) {
        if (sealed == null) {
            return null;
        }
        String plain = cipher.decrypt(TEXT, sealed);
        Matcher legacy = LEGACY_TEXT_CODE.matcher(plain);
        return new VerificationCode(plain.length() == 6 || !legacy.find() ? plain : legacy.group(1));
    }

    private static String reference(String reference) {
        if (reference != null && reference.length() > REFERENCE_MAX) {
            throw new IllegalArgumentException("sms_outbox.carrier_reference: the carrier's reference is longer than "
                    + REFERENCE_MAX + " characters");
        }
        return reference;
    }

    private OutboundSms sms(OutboxRow r) {
        return new OutboundSms(r.id(), new ProviderId(r.provider()), new ApplicationId(r.applicationId()),
                r.targetNumber(), new PhoneNumber(cipher.decrypt(JdbcApplicationRepository.PHONE, r.phone())),
                unsealCode(r.smsText()), SmsTrigger.valueOf(r.smsTrigger()),
                OutboundSms.OutboxStatus.valueOf(r.status()), r.attempts(), SqlTime.instant(r.nextAttemptAt()),
                SqlTime.instant(r.leaseUntil()),
                r.lastError(), r.carrierReference(),
                r.delivery() == null ? null : OutboundSms.Delivery.valueOf(r.delivery()));
    }
}
