package beian.verify.adapters.persistence;

import beian.verify.core.port.out.OutboxBacklog;
import jakarta.inject.Singleton;
import java.time.Instant;

/** The outbox's backlog from {@code sms_outbox}, through ix_outbox_due (status, next_attempt_at). */
@Singleton
class JdbcOutboxBacklog implements OutboxBacklog {
    private final OutboxRows rows;

    JdbcOutboxBacklog(OutboxRows rows) {
        this.rows = rows;
    }

    @Override
    public Backlog at(Instant now) {
        String at = SqlTime.of(now);
        return new Backlog(rows.countDue(at), rows.oldestDue(at).map(r -> SqlTime.instant(r.nextAttemptAt())));
    }
}
