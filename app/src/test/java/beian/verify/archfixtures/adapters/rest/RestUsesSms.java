package beian.verify.archfixtures.adapters.rest;

import beian.verify.archfixtures.adapters.sms.SmsFixture;

/** Violates rule 2: one adapter calls another instead of going through a core port. */
public final class RestUsesSms {
    private final SmsFixture sms = new SmsFixture();

    public void handle() {
        sms.send("hi");
    }
}
