package beian.verify.adapters.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** SQL of applications and their targets and websites. Each query names the index it relies on. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface ApplicationRows extends GenericRepository<ApplicationRow, String> {

    /**
     * A new application, without closed_at: a submission is never closed, and the insert then runs on
     * every schema version from 1 (MigrationContract stores version-1 data through this adapter).
     */
    @Query("""
            INSERT INTO application (id, provider, request_id, request_fingerprint, filing_type, province, subject_name,
                   subject_changed, subject_phone, status, return_reason, submitted_at, deadline, auto_resend_at,
                   auto_resend_done, filing_number, reject_reason, version)
            VALUES (:id, :provider, :requestId, :requestFingerprint, :filingType, :province, :subjectName,
                   :subjectChanged, :subjectPhone, :status, :returnReason, :submittedAt, :deadline, :autoResendAt,
                   :autoResendDone, :filingNumber, :rejectReason, 0)""")
    void insert(String id, String provider, String requestId, String requestFingerprint, String filingType,
                String province, @Nullable String subjectName, boolean subjectChanged, @Nullable String subjectPhone,
                String status, @Nullable String returnReason, String submittedAt, String deadline,
                @Nullable String autoResendAt, boolean autoResendDone, @Nullable String filingNumber,
                @Nullable String rejectReason);

    /** An application stored closed (imports, tests): when it closed. */
    @Query("UPDATE application SET closed_at = :closedAt WHERE id = :id")
    int markClosed(String id, String closedAt);

    /** The application's mutable state; what was submitted (subject, deadline, resend time) never changes. */
    @Query("""
            UPDATE application SET status = :status, return_reason = :returnReason, auto_resend_done = :autoResendDone,
                   filing_number = :filingNumber, reject_reason = :rejectReason, closed_at = :closedAt,
                   version = version + 1
             WHERE id = :id AND version = :version""")
    int updateVersioned(String id, long version, String status, @Nullable String returnReason, boolean autoResendDone,
                        @Nullable String filingNumber, @Nullable String rejectReason, @Nullable String closedAt);

    @Query("SELECT * FROM application WHERE id = :id")
    Optional<ApplicationRow> findRow(String id);

    @Query("SELECT * FROM application WHERE id = :id FOR UPDATE")
    Optional<ApplicationRow> lockRow(String id);

    // primary key
    @Query("SELECT * FROM application WHERE id IN (:ids) ORDER BY id")
    List<ApplicationRow> findRows(Collection<String> ids);

    // primary key
    @Query("SELECT * FROM application WHERE id IN (:ids) ORDER BY id FOR UPDATE")
    List<ApplicationRow> lockRows(Collection<String> ids);

    // uq_application_request
    @Query("SELECT * FROM application WHERE provider = :provider AND request_id = :requestId")
    Optional<ApplicationRow> findByRequest(String provider, String requestId);

    // ix_target_phone, then the primary key. The subquery is not a locking read: only application rows lock.
    @Query("""
            SELECT * FROM application
             WHERE id IN (SELECT application_id FROM verification_target WHERE phone_index = :phoneIndex)
               AND status IN ('PENDING_VERIFICATION', 'READY_FOR_REVIEW') AND deadline > :now
             ORDER BY id FOR UPDATE""")
    List<ApplicationRow> lockOpenByPhoneIndex(String phoneIndex, String now);

    // lockOpenByPhoneIndex's rows, their provinces only and not locked (whose reviewers see an attempt)
    @Query("""
            SELECT DISTINCT province FROM application
             WHERE id IN (SELECT application_id FROM verification_target WHERE phone_index = :phoneIndex)
               AND status IN ('PENDING_VERIFICATION', 'READY_FOR_REVIEW') AND deadline > :now""")
    List<String> openProvincesByPhoneIndex(String phoneIndex, String now);

    // ix_target_phone; not a locking read
    @Query("SELECT DISTINCT application_id FROM verification_target WHERE phone_index IN (:phoneIndexes)")
    List<String> applicationIdsByPhoneIndexes(Collection<String> phoneIndexes);

    // primary key, rows locked in id order (the order every other locking path uses)
    @Query("""
            SELECT * FROM application WHERE id IN (:ids)
               AND status IN ('PENDING_VERIFICATION', 'READY_FOR_REVIEW') AND deadline > :now
             ORDER BY id FOR UPDATE""")
    List<ApplicationRow> lockOpenRows(Collection<String> ids, String now);

    // ix_application_due_return
    @Query("""
            SELECT id FROM application WHERE status = 'PENDING_VERIFICATION' AND deadline <= :now
             ORDER BY deadline LIMIT :limit""")
    List<String> findDueForReturn(String now, int limit);

    // ix_application_due_resend
    @Query("""
            SELECT id FROM application
             WHERE status = 'PENDING_VERIFICATION' AND auto_resend_done = FALSE AND auto_resend_at <= :now
               AND deadline > :now
             ORDER BY auto_resend_at LIMIT :limit""")
    List<String> findDueForAutoResend(String now, int limit);

    // ix_application_provider
    @Query("SELECT * FROM application WHERE provider = :provider AND id > :after ORDER BY id LIMIT :limit")
    List<ApplicationRow> listByProvider(String provider, String after, int limit);

    // ix_application_provider_status
    @Query("""
            SELECT * FROM application WHERE provider = :provider AND status = :status AND id > :after
             ORDER BY id LIMIT :limit""")
    List<ApplicationRow> listByProviderAndStatus(String provider, String status, String after, int limit);

    // ix_application_review
    @Query("""
            SELECT * FROM application WHERE status = :status AND province IN (:provinces) AND id > :after
             ORDER BY id LIMIT :limit""")
    List<ApplicationRow> listByStatusAndProvinces(String status, Collection<String> provinces, String after, int limit);

    // primary key (application_id, target_number)
    @Query("SELECT * FROM verification_target WHERE application_id IN (:applicationIds) ORDER BY application_id, target_number")
    List<TargetRow> targetsOf(Collection<String> applicationIds);

    @Query("SELECT * FROM application_website WHERE application_id IN (:applicationIds) ORDER BY application_id, website_index")
    List<WebsiteRow> websitesOf(Collection<String> applicationIds);

    /** A target's mutable state; who it is (phone, roles, document, tail) is fixed at submission. */
    @Query("""
            UPDATE verification_target SET status = :status, id_failures = :idFailures, code_hashes = :codeHashes,
                   code_draw = :codeDraw, sms_sent_count = :smsSentCount, manual_resends = :manualResends,
                   last_manual_resend_at = :lastManualResendAt, verified_at = :verifiedAt
             WHERE application_id = :applicationId AND target_number = :targetNumber""")
    int updateTarget(String applicationId, int targetNumber, String status, int idFailures, String codeHashes,
                     @Nullable Integer codeDraw, int smsSentCount, int manualResends,
                     @Nullable String lastManualResendAt, @Nullable String verifiedAt);
}
