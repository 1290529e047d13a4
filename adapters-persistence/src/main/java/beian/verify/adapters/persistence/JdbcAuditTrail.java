package beian.verify.adapters.persistence;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.AuditAction;
import beian.verify.core.domain.AuditEntry;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.port.out.AuditRecords;
import beian.verify.core.port.out.AuditTrail;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verify and resend attempts in {@code audit_entry}, with whose attempt it was and the phone's blind
 * index (for a reviewer's search by phone; the phone itself is not stored), and in
 * {@code audit_entry_province} the provinces whose reviewers see it (V11).
 */
@Singleton
class JdbcAuditTrail implements AuditTrail, AuditRecords {
    /** The one visibility row of an entry no province sees (V11 says why there is one). */
    static final String NO_PROVINCE = "";
    private static final List<String> VISIBILITY_COLUMNS = List.of("audit_id", "province");

    private final AuditRows rows;
    private final PersonalDataCipher cipher;
    private final TransactionOperations<Connection> transactions;

    JdbcAuditTrail(AuditRows rows, PersonalDataCipher cipher, TransactionOperations<Connection> transactions) {
        this.rows = rows;
        this.cipher = cipher;
        this.transactions = transactions;
    }

    /**
     * In the caller's transaction (the attempt's own): the entry, then its visibility in one statement.
     * Over-long free text is clipped, never refused.
     */
    @Override
    public void record(AuditEntry entry) {
        AuditRow saved = rows.save(new AuditRow(null, SqlTime.of(entry.at()), entry.action().name(),
                Sql.clip(entry.maskedPhone(), 16), Sql.clip(entry.outcome(), 64), Sql.clip(entry.clientAddress(), 64),
                entry.province() == null ? null : entry.province().value(),
                entry.phone() == null ? null : index(entry.phone()),
                entry.applicationId() == null ? null : entry.applicationId().value()));
        List<Object[]> visibility = entry.visibleTo().isEmpty()
                ? List.<Object[]>of(new Object[] {saved.id(), NO_PROVINCE})
                : entry.visibleTo().stream().map(ProvinceCode::value).sorted()
                        .map(province -> new Object[] {saved.id(), province}).toList();
        JdbcBatch.insert(transactions.getConnection(), "audit_entry_province", VISIBILITY_COLUMNS, visibility);
    }

    @Override
    public List<Stored> list(Scope scope, PhoneNumber phone, ApplicationId applicationId, Instant from, Instant to,
                             long afterPosition, int limit) {
        String phoneIndex = phone == null ? null : index(phone);
        String application = applicationId == null ? null : applicationId.value();
        List<AuditRow> page;
        if (scope.national()) {
            page = rows.pageAll(afterPosition, phoneIndex, application, SqlTime.of(from), SqlTime.of(to), limit);
        } else if (scope.provinces().isEmpty()) {
            return List.of();
        } else {
            page = rows.page(scope.provinces().stream().map(ProvinceCode::value).sorted().toList(), afterPosition,
                    phoneIndex, application, SqlTime.of(from), SqlTime.of(to), limit);
        }
        Map<Long, Set<ProvinceCode>> visibility = visibilityOf(page.stream().map(AuditRow::id).toList());
        return page.stream()
                .map(r -> new Stored(r.id(), new AuditEntry(SqlTime.instant(r.recordedAt()),
                        AuditAction.valueOf(r.action()), r.maskedPhone(), r.outcome(), r.clientAddress(), null,
                        r.province() == null ? null : new ProvinceCode(r.province()),
                        r.applicationId() == null ? null : new ApplicationId(r.applicationId()),
                        visibility.getOrDefault(r.id(), Set.of()))))
                .toList();
    }

    /** The provinces that see each entry (by primary key); the empty mark of "none" is no province. */
    private Map<Long, Set<ProvinceCode>> visibilityOf(List<Long> ids) {
        Map<Long, Set<ProvinceCode>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String sql = "SELECT audit_id, province FROM audit_entry_province WHERE audit_id IN ("
                + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
        try (PreparedStatement st = transactions.getConnection().prepareStatement(sql)) {
            for (int i = 0; i < ids.size(); i++) {
                st.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String province = rs.getString(2);
                    Set<ProvinceCode> provinces = out.computeIfAbsent(rs.getLong(1), id -> new HashSet<>());
                    if (province != null && !province.isBlank()) {
                        provinces.add(new ProvinceCode(province.strip()));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("audit_entry_province: " + e.getMessage(), e);
        }
        return out;
    }

    private String index(PhoneNumber phone) {
        return cipher.blindIndex(JdbcApplicationRepository.PHONE, phone.value());
    }
}
