package beian.verify.adapters.persistence;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.AuditAction;
import beian.verify.core.domain.AuditEntry;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.port.out.AuditRecords;
import beian.verify.core.port.out.AuditTrail;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Verify and resend attempts in {@code audit_entry}, with the province they are filed under and the
 * phone's blind index (for a reviewer's search by phone; the phone itself is not stored).
 */
@Singleton
class JdbcAuditTrail implements AuditTrail, AuditRecords {
    private final AuditRows rows;
    private final PersonalDataCipher cipher;

    JdbcAuditTrail(AuditRows rows, PersonalDataCipher cipher) {
        this.rows = rows;
        this.cipher = cipher;
    }

    /** In the caller's transaction (the attempt's own). Over-long free text is clipped, never refused. */
    @Override
    public void record(AuditEntry entry) {
        rows.save(new AuditRow(null, SqlTime.of(entry.at()), entry.action().name(), Sql.clip(entry.maskedPhone(), 16),
                Sql.clip(entry.outcome(), 64), Sql.clip(entry.clientAddress(), 64),
                entry.province() == null ? null : entry.province().value(),
                entry.phone() == null ? null : index(entry.phone()),
                entry.applicationId() == null ? null : entry.applicationId().value()));
    }

    @Override
    public List<Stored> list(Set<ProvinceCode> provinces, PhoneNumber phone, ApplicationId applicationId, Instant from,
                             Instant to, long afterPosition, int limit) {
        if (provinces.isEmpty()) {
            return List.of();
        }
        return rows.page(provinces.stream().map(ProvinceCode::value).sorted().toList(), afterPosition,
                        phone == null ? null : index(phone), applicationId == null ? null : applicationId.value(),
                        SqlTime.of(from), SqlTime.of(to), limit).stream()
                .map(r -> new Stored(r.id(), new AuditEntry(SqlTime.instant(r.recordedAt()),
                        AuditAction.valueOf(r.action()), r.maskedPhone(), r.outcome(), r.clientAddress(), null,
                        r.province() == null ? null : new ProvinceCode(r.province()),
                        r.applicationId() == null ? null : new ApplicationId(r.applicationId()))))
                .toList();
    }

    private String index(PhoneNumber phone) {
        return cipher.blindIndex(JdbcApplicationRepository.PHONE, phone.value());
    }
}
