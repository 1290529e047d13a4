package beian.verify.core.domain;

/** The kinds of change an access provider sees in its event stream. */
public enum EventType {
    APPLICATION_SUBMITTED,
    SMS_SENT,
    SMS_FAILED,
    /** Held back by an SMS ceiling (per phone or province); it goes out when the window allows. */
    SMS_HELD_BACK,
    SMS_DELIVERED,
    SMS_UNDELIVERED,
    TARGET_VERIFIED,
    /** Too many misses locked a phone on which this application has a pending target. */
    VERIFICATION_THROTTLED,
    READY_FOR_REVIEW,
    RETURNED,
    APPROVED,
    REJECTED
}
