package beian.verify.adapters.sms;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;

/**
 * {@code beian.sms.tencent.*}: the Tencent Cloud SMS account, application, signature and template. The
 * secrets usually come from the environment ({@code BEIAN_SMS_TENCENT_SECRET_ID}, {@code ..._SECRET_KEY});
 * {@link #toString()} leaves them out.
 */
@ConfigurationProperties("beian.sms.tencent")
public class TencentSmsProperties {
    private String secretId;
    private String secretKey;
    private String sdkAppId;
    private String signName;
    private String templateId;
    private String region = "ap-guangzhou";
    private String endpoint = "sms.tencentcloudapi.com";
    private List<String> templateParameters = List.of("code", "deadline", "host");
    private Duration timeout = Duration.ofSeconds(5);
    private String callbackToken;

    public String getSecretId() { return secretId; }
    public void setSecretId(String secretId) { this.secretId = secretId; }
    public String getSecretKey() { return secretKey; }
    public void setSecretKey(String secretKey) { this.secretKey = secretKey; }
    public String getSdkAppId() { return sdkAppId; }
    public void setSdkAppId(String sdkAppId) { this.sdkAppId = sdkAppId; }
    public String getSignName() { return signName; }
    public void setSignName(String signName) { this.signName = signName; }
    public String getTemplateId() { return templateId; }
    public void setTemplateId(String templateId) { this.templateId = templateId; }
    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }
    /** A host ({@code sms.tencentcloudapi.com}, reached over HTTPS) or a whole base URL (tests: a local server). */
    public String getEndpoint() { return endpoint; }
    public void setEndpoint(String endpoint) { this.endpoint = endpoint; }
    /** The template's parameters {1}, {2}, ... in order, each one of code, deadline, host. */
    public List<String> getTemplateParameters() { return templateParameters; }
    public void setTemplateParameters(List<String> templateParameters) { this.templateParameters = templateParameters; }
    /** How long one SendSms call may take before it counts as a transient failure. */
    public Duration getTimeout() { return timeout; }
    public void setTimeout(Duration timeout) { this.timeout = timeout; }
    /** When set, delivery-report callbacks must carry {@code ?token=<this>} (put it in the callback URL). */
    public String getCallbackToken() { return callbackToken; }
    public void setCallbackToken(String callbackToken) { this.callbackToken = callbackToken; }

    @Override
    public String toString() {
        return "TencentSmsProperties[sdkAppId=" + sdkAppId + ", signName=" + signName + ", templateId=" + templateId
                + ", region=" + region + ", endpoint=" + endpoint + "]";
    }
}
