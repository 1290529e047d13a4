package beian.verify.core.port.in;

import java.util.Objects;

/**
 * Whether one more request of a kind from a client may go ahead, counted in fixed one-minute
 * windows that every instance shares (the adapters' per-client request limits).
 */
public interface AdmitRequestUseCase {

    Admission admit(AdmitRequestCommand command);

    /**
     * @param limit     what is limited (a kind of request), part of the counter's name
     * @param client    the client as the adapter groups clients (a network: IPv4 address, IPv6 /64)
     * @param perMinute requests admitted per window
     */
    record AdmitRequestCommand(String limit, String client, int perMinute) {
        public AdmitRequestCommand {
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(client, "client");
            if (perMinute < 1) {
                throw new IllegalArgumentException("a limit must admit at least 1 request a window, not " + perMinute);
            }
        }
    }

    /** @param retryAfterSeconds 0 when admitted; otherwise the seconds until the window ends (at least 1) */
    record Admission(boolean admitted, long retryAfterSeconds) {
        public static final Admission ADMITTED = new Admission(true, 0);
    }
}
