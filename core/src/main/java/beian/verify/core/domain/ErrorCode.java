package beian.verify.core.domain;

/** The stable error codes of the public contract (API.md); adapters map each to their protocol. */
public enum ErrorCode {
    INVALID_ARGUMENT,
    TRANSFER_PHONE_MISMATCH,
    FILED_RECORD_NOT_FOUND,
    WRONG_STATUS,
    APPLICATION_NOT_FOUND,
    CAPTCHA_INVALID,
    RECORD_NOT_FOUND,
    VERIFICATION_FAILED,
    TOO_MANY_ATTEMPTS,
    RESEND_TOO_FREQUENT,
    RATE_LIMITED
}
