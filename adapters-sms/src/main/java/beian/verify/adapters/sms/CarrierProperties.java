package beian.verify.adapters.sms;

import java.time.Duration;

/** The settings every carrier has: where it is, how long a call may take, the token of its delivery reports. */
public abstract class CarrierProperties {
    private String endpoint;
    private Duration timeout = Duration.ofSeconds(5);
    private String callbackToken;

    protected CarrierProperties(String defaultEndpoint) {
        this.endpoint = defaultEndpoint;
    }

    /** A host (reached over HTTPS) or a whole base URL (tests: a local server). */
    public String getEndpoint() { return endpoint; }
    public void setEndpoint(String endpoint) { this.endpoint = endpoint; }
    /** How long one send may take before it counts as a transient failure. */
    public Duration getTimeout() { return timeout; }
    public void setTimeout(Duration timeout) { this.timeout = timeout; }
    /** When set, delivery reports must carry {@code ?token=<this>} (put it in the URL given to the carrier). */
    public String getCallbackToken() { return callbackToken; }
    public void setCallbackToken(String callbackToken) { this.callbackToken = callbackToken; }
}
