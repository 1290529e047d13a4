package beian.verify.app;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import java.time.OffsetDateTime;

/**
 * {@code beian.provinces.<CODE>.*}: a province laid over the defaults of DOMAIN.md, e.g. to roll SMS
 * verification out to it. Unset fields keep the default; {@code sms-verification: false} turns it off.
 */
@EachProperty("beian.provinces")
public class ProvinceProperties {
    private final String code;
    private String name;
    private String platformHost;
    private OffsetDateTime smsVerificationSince;
    private Boolean smsVerification;

    public ProvinceProperties(@Parameter String code) {
        this.code = code;
    }

    public String getCode() { return code; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getPlatformHost() { return platformHost; }
    public void setPlatformHost(String platformHost) { this.platformHost = platformHost; }
    public OffsetDateTime getSmsVerificationSince() { return smsVerificationSince; }
    public void setSmsVerificationSince(OffsetDateTime smsVerificationSince) { this.smsVerificationSince = smsVerificationSince; }
    /** {@code false} turns verification off for the province; unset keeps the default. */
    public Boolean getSmsVerification() { return smsVerification; }
    public void setSmsVerification(Boolean smsVerification) { this.smsVerification = smsVerification; }
}
