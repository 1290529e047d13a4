package beian.verify.app;

import beian.verify.core.domain.VerificationSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/** {@code beian.verification.*}: the numbers of the rules; each defaults to DOMAIN.md's value. */
@ConfigurationProperties("beian.verification")
public class VerificationProperties {
    private static final VerificationSettings D = VerificationSettings.defaults();

    private Duration deadline = D.deadline();
    private String zone = D.zone().getId();
    private LocalTime autoResendAt = D.autoResendAt();
    private int idFailureLimit = D.idFailureLimit();
    private int codeMissLimit = D.codeMissLimit();
    private Duration codeMissWindow = D.codeMissWindow();
    private Duration codeMissLockout = D.codeMissLockout();
    private Duration manualResendSpacing = D.manualResendSpacing();
    private int manualResendLimit = D.manualResendLimit();
    private Duration captchaLifetime = D.captchaLifetime();
    private int smsMaxAttempts = D.smsMaxAttempts();
    private Duration smsRetryBase = D.smsRetryBase();
    private Duration smsRetryMax = D.smsRetryMax();
    private Duration smsLease = D.smsLease();
    private int phoneMissLimit = D.phoneMissLimit();
    private Duration phoneMissWindow = D.phoneMissWindow();
    private Duration phoneMissLockout = D.phoneMissLockout();
    private int proofOfWorkMaxNumber = D.proofOfWorkMaxNumber();

    /** The validated settings. */
    public VerificationSettings toSettings() {
        return new VerificationSettings(deadline, ZoneId.of(zone), autoResendAt, idFailureLimit, codeMissLimit,
                codeMissWindow, codeMissLockout, manualResendSpacing, manualResendLimit, captchaLifetime,
                smsMaxAttempts, smsRetryBase, smsRetryMax, smsLease, phoneMissLimit, phoneMissWindow, phoneMissLockout,
                proofOfWorkMaxNumber);
    }

    public Duration getDeadline() { return deadline; }
    public void setDeadline(Duration deadline) { this.deadline = deadline; }
    public String getZone() { return zone; }
    public void setZone(String zone) { this.zone = zone; }
    public LocalTime getAutoResendAt() { return autoResendAt; }
    public void setAutoResendAt(LocalTime autoResendAt) { this.autoResendAt = autoResendAt; }
    public int getIdFailureLimit() { return idFailureLimit; }
    public void setIdFailureLimit(int idFailureLimit) { this.idFailureLimit = idFailureLimit; }
    public int getCodeMissLimit() { return codeMissLimit; }
    public void setCodeMissLimit(int codeMissLimit) { this.codeMissLimit = codeMissLimit; }
    public Duration getCodeMissWindow() { return codeMissWindow; }
    public void setCodeMissWindow(Duration codeMissWindow) { this.codeMissWindow = codeMissWindow; }
    public Duration getCodeMissLockout() { return codeMissLockout; }
    public void setCodeMissLockout(Duration codeMissLockout) { this.codeMissLockout = codeMissLockout; }
    public Duration getManualResendSpacing() { return manualResendSpacing; }
    public void setManualResendSpacing(Duration manualResendSpacing) { this.manualResendSpacing = manualResendSpacing; }
    public int getManualResendLimit() { return manualResendLimit; }
    public void setManualResendLimit(int manualResendLimit) { this.manualResendLimit = manualResendLimit; }
    public Duration getCaptchaLifetime() { return captchaLifetime; }
    public void setCaptchaLifetime(Duration captchaLifetime) { this.captchaLifetime = captchaLifetime; }
    public int getSmsMaxAttempts() { return smsMaxAttempts; }
    public void setSmsMaxAttempts(int smsMaxAttempts) { this.smsMaxAttempts = smsMaxAttempts; }
    public Duration getSmsRetryBase() { return smsRetryBase; }
    public void setSmsRetryBase(Duration smsRetryBase) { this.smsRetryBase = smsRetryBase; }
    public Duration getSmsRetryMax() { return smsRetryMax; }
    public void setSmsRetryMax(Duration smsRetryMax) { this.smsRetryMax = smsRetryMax; }
    public Duration getSmsLease() { return smsLease; }
    public void setSmsLease(Duration smsLease) { this.smsLease = smsLease; }
    public int getPhoneMissLimit() { return phoneMissLimit; }
    public void setPhoneMissLimit(int phoneMissLimit) { this.phoneMissLimit = phoneMissLimit; }
    public Duration getPhoneMissWindow() { return phoneMissWindow; }
    public void setPhoneMissWindow(Duration phoneMissWindow) { this.phoneMissWindow = phoneMissWindow; }
    public Duration getPhoneMissLockout() { return phoneMissLockout; }
    public void setPhoneMissLockout(Duration phoneMissLockout) { this.phoneMissLockout = phoneMissLockout; }
    public int getProofOfWorkMaxNumber() { return proofOfWorkMaxNumber; }
    public void setProofOfWorkMaxNumber(int proofOfWorkMaxNumber) { this.proofOfWorkMaxNumber = proofOfWorkMaxNumber; }
}
