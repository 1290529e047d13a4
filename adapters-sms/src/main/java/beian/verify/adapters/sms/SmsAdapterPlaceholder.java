package beian.verify.adapters.sms;

/** Keeps the sms adapter's jar non-empty until its first real class lands; delete it then. */
final class SmsAdapterPlaceholder {
    private SmsAdapterPlaceholder() {
    }
}
