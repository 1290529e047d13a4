package beian.verify.adapters.sms;

import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.domain.SmsMessage;
import beian.verify.core.domain.SmsTrigger;
import beian.verify.core.domain.VerificationCode;
import java.time.Instant;
import java.time.ZoneId;

/** Verification messages as the core hands them to a carrier, for the carriers' tests. */
final class Messages {
    /** 2026-11-30 10:00 Beijing time. */
    static final Instant DEADLINE = Instant.parse("2026-11-30T02:00:00Z");

    private Messages() {
    }

    /** A Tianjin message: platform host tjcainfo.miitbeian.gov.cn, deadline 2026年11月30日10:00. */
    static SmsMessage message(String phone, String code) {
        return new SmsMessage(PhoneNumber.of(phone), new VerificationCode(code), "tjcainfo.miitbeian.gov.cn", DEADLINE,
                ZoneId.of("Asia/Shanghai"), new ProvinceCode("TJ"), SmsTrigger.INITIAL);
    }
}
