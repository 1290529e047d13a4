package beian.verify.archfixtures.adapters.sms;

/** An adapter that others must not use. */
public final class SmsFixture {
    public void send(String text) {
    }
}
