package beian.verify.adapters.sms;

import beian.verify.core.domain.SmsMessage;

/** The kit's message, for tests outside the kit. */
final class SmsCarrierMessages {
    private SmsCarrierMessages() {
    }

    static SmsMessage message() {
        return Messages.message("13900000002", "042137");
    }
}
