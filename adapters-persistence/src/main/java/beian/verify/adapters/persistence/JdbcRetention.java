package beian.verify.adapters.persistence;

import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.ClosedApplication;
import beian.verify.core.domain.ClosedCount;
import beian.verify.core.domain.FilingType;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.ReturnReason;
import beian.verify.core.port.out.ClosedApplicationCounts;
import beian.verify.core.port.out.ErasableApplications;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Retention across the tables that hold personal data, in the caller's transaction. Every locking
 * statement goes through an index to exactly the rows it means: claims by the closing-time index
 * (forced) with SKIP LOCKED, changes one id at a time (sent as JDBC batches), so two instances never
 * wait on or deadlock with each other, nor with the verify path. Plain JDBC on the transaction's
 * connection: the statements are built per batch size and per database (index hints on MySQL/MariaDB).
 */
@Singleton
class JdbcRetention implements ErasableApplications, ClosedApplicationCounts {
    private static final String CLOSED = "'RETURNED', 'APPROVED', 'REJECTED'";
    private static final String OPEN = "'PENDING_VERIFICATION', 'READY_FOR_REVIEW'";

    private final TransactionOperations<Connection> transactions;
    private volatile Boolean mySql;

    JdbcRetention(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /**
     * ix_application_closed, forced: a scan would lock rows it does not take (in REPEATABLE READ every
     * row read is locked), open ones among them. SKIP LOCKED: a batch another instance is erasing is
     * neither waited for nor taken.
     */
    @Override
    public List<ClosedApplication> claimClosedBefore(Instant cutoff, int limit) {
        String sql = "SELECT id, province, filing_type, status, return_reason, closed_at FROM application"
                + hint("ix_application_closed") + " WHERE closed_at < ? AND status IN (" + CLOSED + ") ORDER BY closed_at LIMIT ? FOR UPDATE SKIP LOCKED";
        List<ClosedApplication> out = new ArrayList<>();
        try (PreparedStatement st = connection().prepareStatement(sql)) {
            st.setString(1, SqlTime.of(cutoff));
            st.setInt(2, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String reason = rs.getString(5);
                    out.add(new ClosedApplication(new ApplicationId(rs.getString(1)), new ProvinceCode(rs.getString(2)),
                            FilingType.valueOf(rs.getString(3)), ApplicationStatus.valueOf(rs.getString(4)),
                            reason == null ? null : ReturnReason.valueOf(reason), SqlTime.instant(rs.getString(6))));
                }
            }
        } catch (SQLException e) {
            throw failure("claim closed applications", e);
        }
        return out;
    }

    @Override
    public void erase(List<ApplicationId> ids, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> keys = ids.stream().map(ApplicationId::value).toList();
        // a plain read (no locks, so any plan will do): which phones the batch had
        List<String> phones = strings("SELECT DISTINCT phone_index FROM verification_target WHERE application_id IN ("
                + placeholders(keys.size()) + ") ORDER BY phone_index", keys);
        // One statement per application, each an equality on a key or index (sent as one JDBC batch):
        // a statement over an id list locks, under REPEATABLE READ, the index record after each id too,
        // which may be one another instance holds; two instances deadlocked on exactly that
        // (MariaDbRetentionTest). Children first (foreign keys).
        perId("DELETE FROM verification_target WHERE application_id = ?", keys);
        perId("DELETE FROM application_website WHERE application_id = ?", keys);
        perId("DELETE FROM sms_outbox WHERE application_id = ?", keys);
        // the audit entries' visibility rows first (V11's foreign key), found by a plain read: an
        // application closed and claimed here gets no new entry naming it (attempts match open ones only)
        eraseVisibility(strings("SELECT id FROM audit_entry WHERE application_id IN (" + placeholders(keys.size())
                + ") ORDER BY id", keys));
        perId("DELETE FROM audit_entry WHERE application_id = ?", keys);
        // DomainEvent.erased(): no masked phone, no free text; a return keeps its reason (a code)
        perId("UPDATE provider_event SET masked_phone = NULL,"
                + " reason = CASE WHEN event_type = 'RETURNED' THEN reason ELSE NULL END"
                + " WHERE application_id = ? AND (masked_phone IS NOT NULL OR reason IS NOT NULL)", keys);
        perId("DELETE FROM application WHERE id = ?", keys);
        forgetThrottles(phones, now);
    }

    /**
     * The throttle rows of these phones where no open application (PENDING_VERIFICATION or
     * READY_FOR_REVIEW) has the phone and no lock holds now. Each phone's row is locked first, as a
     * verify and a submission lock it, so neither runs for that phone meanwhile; its open applications
     * are then read as committed (a locking read), not as this transaction's snapshot saw them. A
     * network row exists only beside its phone's row.
     */
    private void forgetThrottles(List<String> phones, Instant now) {
        if (phones.isEmpty()) {
            return;
        }
        // a plain read first, so that only rows that exist are locked (a locking lookup of a missing key
        // locks the gap, holding up the first check of an unrelated phone)
        List<String> stored = strings("SELECT phone_index FROM phone_throttle WHERE phone_index IN ("
                + placeholders(phones.size()) + ") ORDER BY phone_index", phones);
        List<String> forgettable = new ArrayList<>();
        for (String phone : stored) {
            List<String> row = strings("SELECT locked_until FROM phone_throttle WHERE phone_index = ? FOR UPDATE",
                    List.of(phone));
            if (row.isEmpty() || row.get(0) != null && SqlTime.instant(row.get(0)).isAfter(now)) {
                continue;
            }
            List<String> open = strings("SELECT COUNT(*) FROM verification_target t"
                    + " JOIN application a ON a.id = t.application_id"
                    + " WHERE t.phone_index = ? AND a.status IN (" + OPEN + ")" + (mySql() ? " LOCK IN SHARE MODE" : ""),
                    List.of(phone));
            if ("0".equals(open.get(0))) {
                forgettable.add(phone);
            }
        }
        if (forgettable.isEmpty()) {
            return;
        }
        // the primary key's range: keys are "<phone index>:<network index>"
        try (PreparedStatement st = connection().prepareStatement(
                "DELETE FROM network_throttle WHERE throttle_key LIKE ? AND (locked_until IS NULL OR locked_until <= ?)")) {
            for (String phone : forgettable) {
                st.setString(1, phone + ":%");
                st.setString(2, SqlTime.of(now));
                st.addBatch();
            }
            st.executeBatch();
        } catch (SQLException e) {
            throw failure("forget network throttles", e);
        }
        perId("DELETE FROM phone_throttle WHERE phone_index = ?", forgettable);
    }

    /** ix_audit_recorded_at; claimed with SKIP LOCKED, then deleted one by one by primary key. */
    @Override
    public int eraseUnattributedAuditBefore(Instant cutoff, int limit) {
        List<String> ids = strings("SELECT id FROM audit_entry" + hint("ix_audit_recorded_at")
                + " WHERE recorded_at < ? AND application_id IS NULL"
                + " ORDER BY recorded_at LIMIT ? FOR UPDATE SKIP LOCKED", List.of(SqlTime.of(cutoff), limit));
        eraseVisibility(ids);
        perId("DELETE FROM audit_entry WHERE id = ?", ids);
        return ids.size();
    }

    /** The audit_entry_province rows of these entries, by the primary key's prefix (V11). */
    private void eraseVisibility(List<String> auditIds) {
        perId("DELETE FROM audit_entry_province WHERE audit_id = ?", auditIds);
    }

    @Override
    public void add(ClosedCount count) {
        // appended (V9 says why); between() adds them up
        update("INSERT INTO closed_application_count (closed_on, province, filing_type, outcome, applications)"
                        + " VALUES (?, ?, ?, ?, ?)",
                List.of(count.day().toString(), count.province().value(), count.type().name(), count.outcome(),
                        count.applications()));
    }

    @Override
    public List<ClosedCount> between(LocalDate from, LocalDate to) {
        String sql = "SELECT closed_on, province, filing_type, outcome, SUM(applications) FROM closed_application_count"
                + " WHERE closed_on >= ? AND closed_on < ? GROUP BY closed_on, province, filing_type, outcome"
                + " ORDER BY closed_on, province, filing_type, outcome";
        List<ClosedCount> out = new ArrayList<>();
        try (PreparedStatement st = connection().prepareStatement(sql)) {
            st.setString(1, from.toString());
            st.setString(2, to.toString());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new ClosedCount(LocalDate.parse(rs.getString(1).substring(0, 10)),
                            new ProvinceCode(rs.getString(2)), FilingType.valueOf(rs.getString(3)), rs.getString(4),
                            rs.getLong(5)));
                }
            }
        } catch (SQLException e) {
            throw failure("read the closed counts", e);
        }
        return out;
    }

    private Connection connection() {
        return transactions.getConnection();
    }

    /** MySQL or MariaDB (index hints, shared locks on a join); otherwise H2, the single-instance development database. */
    private boolean mySql() {
        Boolean known = mySql;
        if (known == null) {
            try {
                String product = connection().getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
                known = product.contains("mysql") || product.contains("mariadb");
            } catch (SQLException e) {
                throw failure("read the database product", e);
            }
            mySql = known;
        }
        return known;
    }

    /** " FORCE INDEX (index)" on MySQL/MariaDB; nothing on H2 (one instance: nobody to wait for). */
    private String hint(String index) {
        return mySql() ? " FORCE INDEX (" + index + ")" : "";
    }

    /** One statement per id, sent as one JDBC batch. */
    private void perId(String sql, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement st = connection().prepareStatement(sql)) {
            for (String id : ids) {
                st.setString(1, id);
                st.addBatch();
            }
            st.executeBatch();
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    private List<String> strings(String sql, List<?> args) {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = connection().prepareStatement(sql)) {
            bind(st, args);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw failure(sql, e);
        }
        return out;
    }

    private int update(String sql, List<?> args) {
        try (PreparedStatement st = connection().prepareStatement(sql)) {
            bind(st, args);
            return st.executeUpdate();
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    private static void bind(PreparedStatement st, List<?> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            if (arg instanceof Integer n) {
                st.setInt(i + 1, n);
            } else if (arg instanceof Long n) {
                st.setLong(i + 1, n);
            } else {
                st.setString(i + 1, (String) arg);
            }
        }
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /** Statements name tables and ids only, never personal data, so the message may carry them. */
    private static RuntimeException failure(String what, SQLException e) {
        return new io.micronaut.data.exceptions.DataAccessException("retention: " + what + ": " + e.getMessage(), e);
    }
}
