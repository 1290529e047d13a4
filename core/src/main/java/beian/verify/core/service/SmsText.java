package beian.verify.core.service;

import beian.verify.core.domain.VerificationCode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The verification SMS: the code, where to enter it, and by when. */
final class SmsText {
    private static final DateTimeFormatter DEADLINE = DateTimeFormatter.ofPattern("yyyy年M月d日HH:mm");

    private SmsText() {
    }

    static String compose(VerificationCode code, String platformHost, Instant deadline, ZoneId zone) {
        return "【ICP备案】您的备案短信核验验证码为" + code.value() + "，请于" + DEADLINE.format(deadline.atZone(zone))
                + "（北京时间）前登录 " + platformHost + " 完成核验。请勿向他人泄露。";
    }
}
