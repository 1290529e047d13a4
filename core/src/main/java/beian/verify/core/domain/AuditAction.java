package beian.verify.core.domain;

/** What a person tried on the verification platform. */
public enum AuditAction { VERIFY, RESEND }
