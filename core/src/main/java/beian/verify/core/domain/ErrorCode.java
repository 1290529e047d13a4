package beian.verify.core.domain;

/** The stable error codes of the use cases; each inbound adapter maps them to its protocol. */
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
    /** A reviewer would overwrite or delete a filed record on file in a province it does not review. */
    FILED_RECORD_OF_ANOTHER_PROVINCE
}
