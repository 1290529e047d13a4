package beian.verify.core.domain;

/**
 * What was tried: a person on the verification platform (VERIFY, RESEND), or an access provider's
 * TRANSFER_IN whose principal phone did not match the filed record (a test of a phone against it).
 */
public enum AuditAction { VERIFY, RESEND, TRANSFER_IN }
