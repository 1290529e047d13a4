package beian.verify.core.domain;

/** What caused an SMS to a target. */
public enum SmsTrigger {
    INITIAL,
    AUTO_RESEND,
    MANUAL_RESEND
}
