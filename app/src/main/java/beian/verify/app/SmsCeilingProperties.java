package beian.verify.app;

import beian.verify.core.domain.SmsCeilings;
import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code beian.sms.ceilings.*}: how many SMS one phone and one province may get, before any carrier is asked.
 * Defaults: the carriers' limits per number (1 a minute, 5 an hour, 10 a day), no province ceiling; 0 is none.
 */
@ConfigurationProperties("beian.sms.ceilings")
public class SmsCeilingProperties {
    private static final SmsCeilings D = SmsCeilings.defaults();

    private int perPhonePerMinute = D.perPhonePerMinute();
    private int perPhonePerHour = D.perPhonePerHour();
    private int perPhonePerDay = D.perPhonePerDay();
    private int perProvincePerMinute = D.perProvincePerMinute();
    private int perProvincePerHour = D.perProvincePerHour();

    /** The validated ceilings. */
    public SmsCeilings toCeilings() {
        return new SmsCeilings(perPhonePerMinute, perPhonePerHour, perPhonePerDay, perProvincePerMinute, perProvincePerHour);
    }

    public int getPerPhonePerMinute() { return perPhonePerMinute; }
    public void setPerPhonePerMinute(int perPhonePerMinute) { this.perPhonePerMinute = perPhonePerMinute; }
    public int getPerPhonePerHour() { return perPhonePerHour; }
    public void setPerPhonePerHour(int perPhonePerHour) { this.perPhonePerHour = perPhonePerHour; }
    public int getPerPhonePerDay() { return perPhonePerDay; }
    public void setPerPhonePerDay(int perPhonePerDay) { this.perPhonePerDay = perPhonePerDay; }
    public int getPerProvincePerMinute() { return perProvincePerMinute; }
    public void setPerProvincePerMinute(int perProvincePerMinute) { this.perProvincePerMinute = perProvincePerMinute; }
    public int getPerProvincePerHour() { return perProvincePerHour; }
    public void setPerProvincePerHour(int perProvincePerHour) { this.perProvincePerHour = perProvincePerHour; }
}
