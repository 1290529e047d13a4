package beian.verify.core.port.out;

import java.time.Instant;

/**
 * Which captchas have been checked, shared by every instance of the service: what makes a captcha
 * single use. Issuing one stores nothing (the captcha id is a signed token carrying its expiry and
 * its answer's keyed hash); only a check writes.
 */
public interface CaptchaStore {
    /**
     * Records that the captcha was checked, until {@code keepUntil}; false when it already had been
     * (by this or any other instance), so whoever gets true is the only one to check it.
     */
    boolean markUsed(String captchaId, Instant keepUntil);

    /** Forgets the marks kept until before {@code now} (their captchas have expired); returns how many. */
    int purgeExpired(Instant now);
}
