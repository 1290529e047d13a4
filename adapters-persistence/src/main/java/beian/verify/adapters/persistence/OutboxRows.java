package beian.verify.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** SQL of the SMS outbox. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface OutboxRows extends GenericRepository<OutboxRow, String> {

    /**
     * ix_outbox_due. SKIP LOCKED: rows another dispatcher is claiming right now are passed over
     * rather than waited for, so two dispatchers never claim the same message (MySQL 8, MariaDB 10.6+).
     */
    @Query("""
            SELECT * FROM sms_outbox
             WHERE status = 'QUEUED' AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until <= :now)
             ORDER BY next_attempt_at LIMIT :limit
               FOR UPDATE SKIP LOCKED""")
    List<OutboxRow> lockDue(String now, int limit);

    // ix_outbox_due, read without locks (the backlog operators watch)
    @Query("SELECT COUNT(*) FROM sms_outbox WHERE status = 'QUEUED' AND next_attempt_at <= :now")
    long countDue(String now);

    @Query("SELECT * FROM sms_outbox WHERE status = 'QUEUED' AND next_attempt_at <= :now ORDER BY next_attempt_at LIMIT 1")
    Optional<OutboxRow> oldestDue(String now);

    @Query("UPDATE sms_outbox SET lease_until = :leaseUntil WHERE id IN (:ids)")
    int lease(Collection<String> ids, @Nullable String leaseUntil);

    @Query("SELECT * FROM sms_outbox WHERE id = :id")
    Optional<OutboxRow> find(String id);

    // primary key
    @Query("SELECT * FROM sms_outbox WHERE id IN (:ids)")
    List<OutboxRow> findByIds(Collection<String> ids);

    // ix_outbox_application: a few rows per application (one per SMS)
    @Query("SELECT * FROM sms_outbox WHERE application_id IN (:applicationIds) AND status = 'QUEUED'")
    List<OutboxRow> findQueuedOf(Collection<String> applicationIds);

    // ix_outbox_carrier_reference
    @Query("SELECT * FROM sms_outbox WHERE carrier_reference = :carrierReference ORDER BY id LIMIT 1 FOR UPDATE")
    Optional<OutboxRow> lockByCarrierReference(@Nullable String carrierReference);

    @Query("""
            UPDATE sms_outbox SET phone = :phone, sms_text = :smsText, status = :status, attempts = :attempts,
                   next_attempt_at = :nextAttemptAt, lease_until = :leaseUntil, last_error = :lastError,
                   carrier_reference = :carrierReference, delivery = :delivery
             WHERE id = :id""")
    int update(String id, String phone, @Nullable String smsText, String status, int attempts, String nextAttemptAt,
               @Nullable String leaseUntil, @Nullable String lastError, @Nullable String carrierReference, @Nullable String delivery);
}
