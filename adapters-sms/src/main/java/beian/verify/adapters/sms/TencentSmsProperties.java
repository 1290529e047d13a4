package beian.verify.adapters.sms;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.List;

/**
 * {@code beian.sms.tencent.*}: the Tencent Cloud SMS account, application, signature and template. The
 * secrets usually come from the environment ({@code BEIAN_SMS_TENCENT_SECRET_ID}, {@code ..._SECRET_KEY});
 * {@link #toString()} leaves them out.
 */
@ConfigurationProperties("beian.sms.tencent")
public class TencentSmsProperties extends CarrierProperties {
    private String secretId;
    private String secretKey;
    private String sdkAppId;
    private String signName;
    private String templateId;
    private String region = "ap-guangzhou";

    private List<String> templateParameters = List.of("code", "deadline", "host");

    public TencentSmsProperties() {
        super("sms.tencentcloudapi.com");
    }

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
    /** The template's parameters {1}, {2}, ... in order, each one of code, deadline, host. */
    public List<String> getTemplateParameters() { return templateParameters; }
    public void setTemplateParameters(List<String> templateParameters) { this.templateParameters = templateParameters; }

    @Override
    public String toString() {
        return "TencentSmsProperties[sdkAppId=" + sdkAppId + ", signName=" + signName + ", templateId=" + templateId
                + ", region=" + region + ", endpoint=" + getEndpoint() + "]";
    }
}
