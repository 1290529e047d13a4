package beian.verify.core.port.in;

/** Drops captchas that expired unanswered (answered ones are gone already); a scheduled job calls it. */
public interface PurgeExpiredCaptchasUseCase {
    /** Returns how many were dropped. */
    int purgeExpired();
}
