package beian.verify.adapters.rest;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code beian.rest.*}: the public platform's protection against one client address hammering it,
 * and the proxies whose {@code X-Forwarded-For} is believed.
 */
@ConfigurationProperties("beian.rest")
public class RestProperties {
    private List<String> trustedProxies = new ArrayList<>();
    private long maxBodyBytes = 16 * 1024;
    private long maxCallbackBodyBytes = 512 * 1024;

    /** Addresses or CIDR blocks of reverse proxies in front of the service; empty: the connection's address counts. */
    public List<String> getTrustedProxies() { return trustedProxies; }
    public void setTrustedProxies(List<String> trustedProxies) { this.trustedProxies = trustedProxies; }
    /** Larger request bodies get 413 (every path but the carriers' callbacks). */
    public long getMaxBodyBytes() { return maxBodyBytes; }
    public void setMaxBodyBytes(long maxBodyBytes) { this.maxBodyBytes = maxBodyBytes; }
    /** Larger delivery-report pushes under /callbacks/ get 413. */
    public long getMaxCallbackBodyBytes() { return maxCallbackBodyBytes; }
    public void setMaxCallbackBodyBytes(long maxCallbackBodyBytes) { this.maxCallbackBodyBytes = maxCallbackBodyBytes; }

    /**
     * {@code beian.rest.rate-limits.*}: requests per minute per client network, per kind of request,
     * counted in the database every instance shares.
     */
    @ConfigurationProperties("rate-limits")
    public static class RateLimits {
        private boolean enabled = true;
        private int captchaPerMinute = 60;
        private int verifyPerMinute = 20;
        private int resendPerMinute = 10;
        private int callbackPerMinute = 600;
        private int pagePerMinute = 300;
        private int maxTrackedAddresses = 100_000;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public int getCaptchaPerMinute() { return captchaPerMinute; }
        public void setCaptchaPerMinute(int captchaPerMinute) { this.captchaPerMinute = captchaPerMinute; }
        public int getVerifyPerMinute() { return verifyPerMinute; }
        public void setVerifyPerMinute(int verifyPerMinute) { this.verifyPerMinute = verifyPerMinute; }
        public int getResendPerMinute() { return resendPerMinute; }
        public void setResendPerMinute(int resendPerMinute) { this.resendPerMinute = resendPerMinute; }
        /** Delivery-report pushes under /callbacks/ (a carrier pushes from few addresses). */
        public int getCallbackPerMinute() { return callbackPerMinute; }
        public void setCallbackPerMinute(int callbackPerMinute) { this.callbackPerMinute = callbackPerMinute; }
        /** Every other public request: the page, its files, the OpenAPI description, the provinces. */
        public int getPagePerMinute() { return pagePerMinute; }
        public void setPagePerMinute(int pagePerMinute) { this.pagePerMinute = pagePerMinute; }
        /** Bounds the refusals each instance remembers (to answer 429 without the database); least recently used go first. */
        public int getMaxTrackedAddresses() { return maxTrackedAddresses; }
        public void setMaxTrackedAddresses(int maxTrackedAddresses) { this.maxTrackedAddresses = maxTrackedAddresses; }
    }
}
