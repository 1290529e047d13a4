package beian.verify.core.domain;

/** Why an application went back to its access provider (退回至接入商). */
public enum ReturnReason {
    VERIFICATION_TIMEOUT,
    VERIFICATION_FAILED,
    WITHDRAWN
}
