package beian.verify.adapters.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Closed applications written straight into the tables, many rows per statement, for retention's
 * volume tests and benchmark: each with what the service would have stored (two targets, a website,
 * two SMS, two audit records and their visibility, four events), every tenth phone with throttle rows. Phones are
 * placeholder ciphertexts: retention never decrypts. Events get sequences of their own provider.
 */
final class ClosedApplicationsFill {
    static final String PROVIDER = "fill-provider";
    // application, targets, website, SMS, audit, the audit's visibility (V11), events
    static final int ROWS_PER_APPLICATION = 1 + 2 + 1 + 2 + 2 + 2 + 4;
    private static final int CHUNK = 500;

    private ClosedApplicationsFill() {
    }

    /** Applications {@code from} .. {@code from + count - 1}, closed (RETURNED, WITHDRAWN) at {@code closedAt}. */
    static void fill(Connection c, int from, int count, Instant closedAt) throws SQLException {
        String closed = SqlTime.of(closedAt);
        String submitted = SqlTime.of(closedAt.minusSeconds(3600));
        String deadline = SqlTime.of(closedAt.plusSeconds(3600 * 47));
        try (Statement st = c.createStatement()) {
            for (int start = from; start < from + count; start += CHUNK) {
                int end = Math.min(from + count, start + CHUNK);
                List<String> apps = new ArrayList<>();
                List<String> targets = new ArrayList<>();
                List<String> websites = new ArrayList<>();
                List<String> sms = new ArrayList<>();
                List<String> audit = new ArrayList<>();
                List<String> events = new ArrayList<>();
                List<String> phones = new ArrayList<>();
                List<String> networks = new ArrayList<>();
                for (int i = start; i < end; i++) {
                    String id = id(i);
                    apps.add("('" + id + "', '" + PROVIDER + "', 'fill-" + i + "', 'fp-" + i + "', 'NEW_FILING', '"
                            + (i % 2 == 0 ? "TJ" : "GS") + "', '某某公司', FALSE, 't1:subject" + i
                            + "', 'RETURNED', 'WITHDRAWN', '" + submitted + "', '" + deadline + "', NULL, TRUE, NULL, NULL, 1, '"
                            + closed + "')");
                    for (int t = 1; t <= 2; t++) {
                        targets.add("('" + id + "', " + t + ", 'WEBSITE_PRINCIPAL', 't1:phone" + i + "-" + t + "', '"
                                + phoneIndex(i, t) + "', 'RESIDENT_ID', 'tail-hash-" + i + "', 'PENDING', 0, 'code-hash-"
                                + i + "', 1, 0, NULL, NULL)");
                        sms.add("('sms-" + i + "-" + t + "', '" + PROVIDER + "', '" + id + "', " + t + ", 't1:phone" + i
                                + "', 't1:text', 'INITIAL', 'SENT', 1, '" + submitted + "', NULL, NULL, 'ref-" + i + "-" + t
                                + "', NULL)");
                        audit.add("('" + submitted + "', 'VERIFY', '138****0001', 'VERIFIED', '203.0.113.9', 'TJ', '"
                                + phoneIndex(i, t) + "', '" + id + "')");
                    }
                    websites.add("('" + id + "', 0, 'fill" + i + ".cn', 't1:phone" + i + "')");
                    String[] types = {"APPLICATION_SUBMITTED", "SMS_SENT", "SMS_SENT", "RETURNED"};
                    for (int e = 0; e < 4; e++) {
                        events.add("('" + PROVIDER + "', " + (4L * i + e + 1) + ", '" + types[e] + "', '" + id + "', "
                                + (e == 1 || e == 2 ? "'138****0001', 'INITIAL', NULL" : e == 3 ? "NULL, NULL, 'WITHDRAWN'"
                                : "NULL, NULL, NULL") + ", '" + (e == 3 ? closed : submitted) + "')");
                    }
                    if (i % 10 == 0) {
                        phones.add("('" + phoneIndex(i, 1) + "', '2026-01-01T00:00:00Z', NULL)");
                        networks.add("('" + phoneIndex(i, 1) + ":" + "n".repeat(64) + "', '2026-01-01T00:00:00Z', NULL)");
                    }
                }
                st.executeUpdate("INSERT INTO application (id, provider, request_id, request_fingerprint, filing_type,"
                        + " province, subject_name, subject_changed, subject_phone, status, return_reason, submitted_at,"
                        + " deadline, auto_resend_at, auto_resend_done, filing_number, reject_reason, version, closed_at)"
                        + " VALUES " + String.join(",", apps));
                st.executeUpdate("INSERT INTO verification_target (application_id, target_number, roles, phone, phone_index,"
                        + " id_type, id_tail_hash, status, id_failures, code_hashes, sms_sent_count, manual_resends,"
                        + " last_manual_resend_at, verified_at) VALUES " + String.join(",", targets));
                st.executeUpdate("INSERT INTO application_website (application_id, website_index, domain, principal_phone)"
                        + " VALUES " + String.join(",", websites));
                st.executeUpdate("INSERT INTO sms_outbox (id, provider, application_id, target_number, phone, sms_text,"
                        + " sms_trigger, status, attempts, next_attempt_at, lease_until, last_error, carrier_reference,"
                        + " delivery) VALUES " + String.join(",", sms));
                st.executeUpdate("INSERT INTO audit_entry (recorded_at, action, masked_phone, outcome, client_address,"
                        + " province, phone_index, application_id) VALUES " + String.join(",", audit));
                st.executeUpdate("INSERT INTO provider_event (provider, seq, event_type, application_id, masked_phone,"
                        + " sms_trigger, reason, occurred_at) VALUES " + String.join(",", events));
                if (!phones.isEmpty()) {
                    st.executeUpdate("INSERT INTO phone_throttle (phone_index, recent_misses, locked_until) VALUES "
                            + String.join(",", phones));
                    st.executeUpdate("INSERT INTO network_throttle (throttle_key, recent_misses, locked_until) VALUES "
                            + String.join(",", networks));
                }
            }
            // each audit entry's visibility (V11), as the service records it: its province, or the mark of none
            st.executeUpdate("INSERT INTO audit_entry_province (audit_id, province) SELECT e.id, COALESCE(e.province, '')"
                    + " FROM audit_entry e WHERE NOT EXISTS (SELECT 1 FROM audit_entry_province v WHERE v.audit_id = e.id)");
            st.executeUpdate("DELETE FROM event_stream WHERE provider = '" + PROVIDER + "'");
            st.executeUpdate("INSERT INTO event_stream (provider, last_seq) SELECT '" + PROVIDER + "', MAX(seq)"
                    + " FROM provider_event WHERE provider = '" + PROVIDER + "'");
        }
    }

    static String id(int i) {
        return String.format("00000000-0000-7000-8000-%012d", i); // a UUID, as ApplicationId requires
    }

    static String phoneIndex(int i, int target) {
        return String.format("%063d%d", i, target);
    }

    /** A single number from the database. */
    static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
