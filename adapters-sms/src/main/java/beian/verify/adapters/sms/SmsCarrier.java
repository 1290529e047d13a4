package beian.verify.adapters.sms;

/** The configuration switch that picks the carrier behind {@code SmsSender}. */
final class SmsCarrier {
    /** {@code stub} (the default) or {@code tencent}. */
    static final String PROPERTY = "beian.sms.carrier";

    private SmsCarrier() {
    }
}
