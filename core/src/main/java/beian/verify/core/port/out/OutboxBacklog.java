package beian.verify.core.port.out;

import java.time.Instant;
import java.util.Optional;

/** How far the SMS outbox is behind: what operators watch (metrics, readiness); no use case needs it. */
public interface OutboxBacklog {

    /** Queued messages due at {@code now} (not waiting for a retry), and since when the oldest of them is due. */
    Backlog at(Instant now);

    /** @param oldestDueAt empty when nothing is due */
    record Backlog(long due, Optional<Instant> oldestDueAt) {
        public Backlog {
            if (due < 0) {
                throw new IllegalArgumentException("due must not be negative");
            }
        }
    }
}
