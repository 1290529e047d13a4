package beian.verify.core.domain;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The configurable numbers of the rules: deadline, resend time, attempt limits, SMS retries.
 *
 * @param deadline            how long after submission the targets may verify (48 hours)
 * @param zone                the zone of "noon the next day" (Asia/Shanghai)
 * @param autoResendAt        the local time of the automatic resend (12:00)
 * @param idFailureLimit      the ID failure that fails a target and returns the application (the 5th)
 * @param codeMissLimit       misses for one phone from one client network within {@code codeMissWindow} that
 *                            lock that network out of that phone (10)
 * @param codeMissWindow      the window in which misses of one network count (1 hour)
 * @param codeMissLockout     how long a network is locked out of a phone (1 hour)
 * @param manualResendSpacing the least time between two manual resends to a target (1 minute)
 * @param manualResendLimit   manual resends per target in all (2)
 * @param captchaLifetime     how long a captcha can be answered (5 minutes)
 * @param smsMaxAttempts      carrier attempts for one SMS before SMS_FAILED
 * @param smsRetryBase        the first retry's delay; each further retry doubles it
 * @param smsRetryMax         the longest delay between two attempts
 * @param smsLease            how long a dispatcher's claim on a queued SMS lasts before another may take it
 * @param phoneMissLimit      misses for one phone from all networks within {@code phoneMissWindow} that lock
 *                            the phone for everyone (100)
 * @param phoneMissWindow     the window in which a phone's misses count (1 hour)
 * @param phoneMissLockout    how long a phone is locked after too many misses (1 hour)
 * @param proofOfWorkMaxNumber the largest secret number of the captcha that needs no sight (a proof of work the
 *                            browser solves by itself): it tries up to this many hashes, half of it on average
 */
public record VerificationSettings(
        Duration deadline,
        ZoneId zone,
        LocalTime autoResendAt,
        int idFailureLimit,
        int codeMissLimit,
        Duration codeMissWindow,
        Duration codeMissLockout,
        Duration manualResendSpacing,
        int manualResendLimit,
        Duration captchaLifetime,
        int smsMaxAttempts,
        Duration smsRetryBase,
        Duration smsRetryMax,
        Duration smsLease,
        int phoneMissLimit,
        Duration phoneMissWindow,
        Duration phoneMissLockout,
        int proofOfWorkMaxNumber) {

    public VerificationSettings {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(autoResendAt, "autoResendAt");
        positive("deadline", deadline);
        positive("code-miss-window", codeMissWindow);
        positive("code-miss-lockout", codeMissLockout);
        positive("captcha-lifetime", captchaLifetime);
        positive("sms-retry-base", smsRetryBase);
        positive("sms-retry-max", smsRetryMax);
        positive("sms-lease", smsLease);
        positive("phone-miss-window", phoneMissWindow);
        positive("phone-miss-lockout", phoneMissLockout);
        Objects.requireNonNull(manualResendSpacing, "manualResendSpacing");
        atLeastOne("id-failure-limit", idFailureLimit);
        atLeastOne("code-miss-limit", codeMissLimit);
        atLeastOne("sms-max-attempts", smsMaxAttempts);
        atLeastOne("phone-miss-limit", phoneMissLimit);
        atLeastOne("proof-of-work-max-number", proofOfWorkMaxNumber);
        if (proofOfWorkMaxNumber > MAX_PROOF_OF_WORK_MAX_NUMBER) {
            throw new InvalidSettingException("proof-of-work-max-number",
                    "must be at most " + MAX_PROOF_OF_WORK_MAX_NUMBER + " (a phone would work for minutes)");
        }
        if (manualResendLimit < 0) {
            throw new InvalidSettingException("manual-resend-limit", "must not be negative");
        }
    }

    /**
     * The proof of work's default (ALTCHA's too): in the page's worker on the loaded 2-core test machine 0.8-1.1 s
     * on average and 1.5-2.1 s at most; with Chromium's CPU throttled 6x (a slow phone) 2.4-3.1 s and 4.8-6.2 s.
     * docs/SECURITY.md has the measurement.
     */
    public static final int DEFAULT_PROOF_OF_WORK_MAX_NUMBER = 1_000_000;
    /** Beyond this a phone's browser would work for minutes, longer than a captcha lives. */
    public static final int MAX_PROOF_OF_WORK_MAX_NUMBER = 100_000_000;

    /** The values of DOMAIN.md. */
    public static VerificationSettings defaults() {
        return new VerificationSettings(Duration.ofHours(48), ZoneId.of("Asia/Shanghai"), LocalTime.NOON,
                5, 10, Duration.ofHours(1), Duration.ofHours(1), Duration.ofMinutes(1), 2,
                Duration.ofMinutes(5), 8, Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofSeconds(30),
                100, Duration.ofHours(1), Duration.ofHours(1), DEFAULT_PROOF_OF_WORK_MAX_NUMBER);
    }

    public VerificationSettings withDeadline(Duration newDeadline) {
        return new VerificationSettings(newDeadline, zone, autoResendAt, idFailureLimit, codeMissLimit,
                codeMissWindow, codeMissLockout, manualResendSpacing, manualResendLimit, captchaLifetime,
                smsMaxAttempts, smsRetryBase, smsRetryMax, smsLease, phoneMissLimit, phoneMissWindow, phoneMissLockout,
                proofOfWorkMaxNumber);
    }

    /** The same settings with another largest secret number for the proof of work (tests solve small ones). */
    public VerificationSettings withProofOfWorkMaxNumber(int maxNumber) {
        return new VerificationSettings(deadline, zone, autoResendAt, idFailureLimit, codeMissLimit,
                codeMissWindow, codeMissLockout, manualResendSpacing, manualResendLimit, captchaLifetime,
                smsMaxAttempts, smsRetryBase, smsRetryMax, smsLease, phoneMissLimit, phoneMissWindow, phoneMissLockout,
                maxNumber);
    }

    /**
     * The most codes one phone can be tried with over {@code span}, from any number of networks: a
     * round ends at the {@code phoneMissLimit}-th miss, which locks the phone for
     * {@code phoneMissLockout}, so rounds start at least that far apart (a window shorter than the
     * lock-out allows at most {@code phoneMissLimit} per window instead, and the smaller bound holds).
     */
    public long maxGuessesPerPhone(Duration span) {
        Duration round = phoneMissLockout.compareTo(phoneMissWindow) < 0 ? phoneMissLockout : phoneMissWindow;
        return (long) phoneMissLimit * (span.dividedBy(round) + 1);
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new InvalidSettingException(name, "must be a positive duration");
        }
    }

    private static void atLeastOne(String name, int n) {
        if (n < 1) {
            throw new InvalidSettingException(name, "must be at least 1");
        }
    }
}
