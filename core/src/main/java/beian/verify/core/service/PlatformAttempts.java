package beian.verify.core.service;

import beian.verify.core.domain.AuditAction;
import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.AuditEntry;
import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.InvalidInputException;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.AuditTrail;
import beian.verify.core.port.out.CaptchaStore;
import beian.verify.core.port.out.TransactionRunner;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One attempt on the verification platform (verify or resend), in one transaction: the captcha
 * gate first (any check uses the captcha up; nothing else is evaluated when it fails), then the
 * form's decision, then the audit record of what was answered.
 */
final class PlatformAttempts {
    private final TransactionRunner transactions;
    private final AppClock clock;
    private final CaptchaCheck captchas;
    private final AuditTrail audit;

    PlatformAttempts(TransactionRunner transactions, AppClock clock, CaptchaStore captchas, Secrets secrets,
                     AuditTrail audit) {
        this.transactions = transactions;
        this.clock = clock;
        this.captchas = new CaptchaCheck(captchas, secrets);
        this.audit = audit;
    }

    /** The form as typed, for the gate and the audit; {@code platformProvince} as the command gave it. */
    record Attempt(AuditAction action, String phone, String captchaId, String captchaAnswer, String clientAddress,
                   String platformProvince) {
        @Override
        public String toString() {
            return "Attempt[" + action + "]";
        }
    }

    /**
     * @param captchaInvalid the answer when the captcha fails
     * @param decide         the form's decision at the attempt's instant, once the captcha passed; it
     *                       tells the note which application matched
     * @param outcome        the stable name of an answer, for the audit
     */
    <R> R run(Attempt attempt, R captchaInvalid, BiFunction<Instant, AuditNote, R> decide, Function<R, String> outcome) {
        return transactions.inTransaction(() -> {
            Instant now = clock.now();
            AuditNote note = new AuditNote(attempt.platformProvince());
            R result = captchas.passes(attempt.captchaId(), attempt.captchaAnswer(), now) ? decide.apply(now, note)
                    : captchaInvalid;
            audit.record(AuditEntry.of(now, attempt.action(), attempt.phone(), outcome.apply(result),
                    attempt.clientAddress(), note.province, note.applicationId));
            return result;
        });
    }

    /**
     * Whose attempt the audit files it under: the application that matched, else the province of the
     * platform host it came in on (else none: only a national view sees it).
     */
    static final class AuditNote {
        private ProvinceCode province;
        private ApplicationId applicationId;

        private AuditNote(String platformProvince) {
            try {
                this.province = platformProvince == null ? null : ProvinceCode.of(platformProvince);
            } catch (InvalidInputException e) {
                this.province = null;
            }
        }

        void matched(FilingApplication application) {
            if (applicationId == null) {
                this.province = application.state().province();
                this.applicationId = application.id();
            }
        }
    }
}
