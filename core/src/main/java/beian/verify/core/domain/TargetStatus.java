package beian.verify.core.domain;

/** A verification target's state. */
public enum TargetStatus {
    PENDING,
    VERIFIED,
    FAILED
}
