package beian.verify.core.testing;

import beian.verify.core.port.out.RequestCounters;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Request windows: (key, window start) to the count and the instant it is kept until. */
public final class InMemoryRequestCounters extends InMemoryTable<List<Object>, InMemoryRequestCounters.Window>
        implements RequestCounters {

    record Window(long count, Instant keepUntil) {
    }

    public InMemoryRequestCounters(InMemoryTransactions tx) {
        super(tx, HashMap::new);
    }

    @Override
    public long increment(String key, Instant windowStart, Instant keepUntil) {
        return rows().merge(List.of(key, windowStart), new Window(1, keepUntil),
                (old, one) -> new Window(old.count() + 1, old.keepUntil())).count();
    }

    @Override
    public long count(String key, Instant windowStart) {
        Window window = rows().get(List.of(key, windowStart));
        return window == null ? 0 : window.count();
    }

    @Override
    public int purgeExpired(Instant now) {
        Map<List<Object>, Window> rows = rows();
        int before = rows.size();
        rows.values().removeIf(w -> !w.keepUntil().isAfter(now));
        return before - rows.size();
    }

    /** How many windows are stored, for assertions. */
    public int size() {
        return peek().size();
    }
}
