package beian.verify.adapters.sms;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code beian.sms.aliyun.*}: the Alibaba Cloud SMS account (an AccessKey of a RAM user allowed to send SMS),
 * signature and template. The secrets usually come from the environment ({@code BEIAN_SMS_ALIYUN_ACCESS_KEY_ID},
 * {@code ..._ACCESS_KEY_SECRET}); {@link #toString()} leaves them out.
 */
@ConfigurationProperties("beian.sms.aliyun")
public class AliyunSmsProperties extends CarrierProperties {
    private String accessKeyId;
    private String accessKeySecret;
    private String signName;
    private String templateCode;

    public AliyunSmsProperties() {
        super("dysmsapi.aliyuncs.com");
    }

    public String getAccessKeyId() { return accessKeyId; }
    public void setAccessKeyId(String accessKeyId) { this.accessKeyId = accessKeyId; }
    public String getAccessKeySecret() { return accessKeySecret; }
    public void setAccessKeySecret(String accessKeySecret) { this.accessKeySecret = accessKeySecret; }
    /** The approved signature (签名), e.g. ICP备案. */
    public String getSignName() { return signName; }
    public void setSignName(String signName) { this.signName = signName; }
    /** The approved template's code, e.g. SMS_123456789; its variables are ${code}, ${deadline} and ${host}. */
    public String getTemplateCode() { return templateCode; }
    public void setTemplateCode(String templateCode) { this.templateCode = templateCode; }

    @Override
    public String toString() {
        return "AliyunSmsProperties[signName=" + signName + ", templateCode=" + templateCode + ", endpoint=" + getEndpoint() + "]";
    }
}
