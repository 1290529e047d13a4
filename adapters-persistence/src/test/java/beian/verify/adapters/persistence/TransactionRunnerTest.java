package beian.verify.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import beian.verify.core.domain.AuditAction;
import beian.verify.core.domain.AuditEntry;
import beian.verify.core.testing.Storage;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One transaction per use case: nested calls join the running one; audit entries are written with or without one. */
class TransactionRunnerTest {
    static final Instant T0 = Instant.parse("2026-11-28T02:00:00Z");
    static PersistenceContext db;
    Storage s;

    @BeforeAll
    static void start() {
        db = PersistenceContext.h2();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void clear() {
        db.clear();
        s = db.storage();
    }

    @Test
    void aTransactionInsideARunningOneJoinsItAndRollsBackWithIt() {
        assertThatThrownBy(() -> s.tx().inTransaction(() -> {
            s.tx().inTransaction(() -> {
                s.captchas().markUsed("inner", T0);
                return null;
            });
            throw new IllegalStateException("outer fails after the inner one returned");
        })).hasMessageContaining("outer fails");

        assertThat(s.tx().inTransaction(() -> s.captchas().markUsed("inner", T0))).isTrue(); // the mark was rolled back
    }

    @Test
    void theResultOfTheWorkIsReturnedAndCommitted() {
        String result = s.tx().inTransaction(() -> {
            s.captchas().markUsed("kept", T0);
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(s.tx().inTransaction(() -> s.captchas().markUsed("kept", T0))).isFalse(); // committed
    }

    @Test
    void anAuditEntryIsWrittenInTheCallersTransactionAndOverlongTextIsClippedNotRefused() {
        s.tx().inTransaction(() -> {
            db.audit().record(new AuditEntry(T0, AuditAction.VERIFY, "138****0001", "RECORD_NOT_FOUND", "2001:db8::1"));
            db.audit().record(new AuditEntry(T0, AuditAction.RESEND, null, "SENT", "x".repeat(500)));
            return null;
        });
        assertThatThrownBy(() -> s.tx().inTransaction(() -> {
            db.audit().record(new AuditEntry(T0, AuditAction.VERIFY, null, "CAPTCHA_INVALID", "rolled-back"));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(db.bean(AuditRows.class).findAll()).extracting(AuditRow::action, AuditRow::clientAddress)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("VERIFY", "2001:db8::1"),
                        org.assertj.core.groups.Tuple.tuple("RESEND", "x".repeat(63) + "…"));
    }
}
