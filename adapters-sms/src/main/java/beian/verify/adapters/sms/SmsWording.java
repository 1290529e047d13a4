package beian.verify.adapters.sms;

import beian.verify.core.domain.SmsMessage;
import java.time.format.DateTimeFormatter;

/**
 * How the verification SMS reads in Chinese: the whole text (what the stub carrier "sends" and a
 * carrier without templates would send), and the deadline as template carriers show it. The
 * template registered with Tencent says the same around its parameters (see docs/operations.md).
 */
final class SmsWording {
    private static final DateTimeFormatter DEADLINE = DateTimeFormatter.ofPattern("yyyy年M月d日HH:mm");

    private SmsWording() {
    }

    /** The deadline in Beijing time, e.g. 2026年11月30日10:00. */
    static String deadline(SmsMessage message) {
        return DEADLINE.format(message.deadline().atZone(message.zone()));
    }

    static String text(SmsMessage message) {
        return "【ICP备案】您的备案短信核验验证码为" + message.code().value() + "，请于" + deadline(message)
                + "（北京时间）前登录 " + message.platformHost() + " 完成核验。请勿向他人泄露。";
    }
}
