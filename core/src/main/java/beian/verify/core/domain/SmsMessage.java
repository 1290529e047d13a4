package beian.verify.core.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A verification SMS as the carrier port receives it: what it must say, not how. Each carrier
 * renders it in its own template (the stub as a text, Tencent as template parameters). Holds a
 * code: {@code toString} leaves it out.
 *
 * @param platformHost the province's verification platform, where the code is entered
 * @param deadline     until when the code works; {@code zone} is the zone to show it in (Beijing time)
 */
public record SmsMessage(
        PhoneNumber phone,
        VerificationCode code,
        String platformHost,
        Instant deadline,
        ZoneId zone,
        ProvinceCode province,
        SmsTrigger trigger) {

    public SmsMessage {
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(platformHost, "platformHost");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(province, "province");
        Objects.requireNonNull(trigger, "trigger");
    }

    @Override
    public String toString() {
        return "SmsMessage[" + phone.masked() + ", " + province + ", " + trigger + "]";
    }
}
