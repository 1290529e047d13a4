package beian.verify.adapters.sms;

/**
 * One carrier's recent record: of its last {@code window} attempts, how many it accepted. Transient
 * failures (throttled, down, unreachable) and permanent refusals both count against it: a carrier that
 * refuses is not sending either. Thread-safe; no clock, so a quiet carrier keeps its last verdict.
 */
final class CarrierHealth {
    private final boolean[] accepted;
    private int next;
    private int size;
    private int successes;
    private long attempts;

    CarrierHealth(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("beian.sms.failover.health-window must be at least 1");
        }
        this.accepted = new boolean[window];
    }

    synchronized void record(boolean wasAccepted) {
        if (size == accepted.length) {
            successes -= accepted[next] ? 1 : 0;
        } else {
            size++;
        }
        accepted[next] = wasAccepted;
        successes += wasAccepted ? 1 : 0;
        next = (next + 1) % accepted.length;
        attempts++;
    }

    /** Accepted share of the recent attempts, 0 to 1; NaN before the first attempt. */
    synchronized double successRate() {
        return size == 0 ? Double.NaN : (double) successes / size;
    }

    /** Every attempt since start. */
    synchronized long attempts() {
        return attempts;
    }
}
