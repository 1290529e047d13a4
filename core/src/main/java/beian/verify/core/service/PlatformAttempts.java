package beian.verify.core.service;

import beian.verify.core.domain.AuditAction;
import beian.verify.core.domain.ApplicationId;
import beian.verify.core.domain.AuditEntry;
import beian.verify.core.domain.FilingApplication;
import beian.verify.core.domain.InvalidInputException;
import beian.verify.core.domain.PhoneNumber;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.port.out.AppClock;
import beian.verify.core.port.out.ApplicationRepository;
import beian.verify.core.port.out.AuditTrail;
import beian.verify.core.port.out.CaptchaStore;
import beian.verify.core.port.out.TransactionRunner;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One attempt on the verification platform (verify or resend), in one transaction: the captcha
 * gate first (any check uses the captcha up; nothing else is evaluated when it fails), then the
 * form's decision, then the audit record of what was answered, visible to the platform host's
 * province and to the province of every application open on the phone (DOMAIN.md "Privacy").
 */
final class PlatformAttempts {
    private final TransactionRunner transactions;
    private final AppClock clock;
    private final CaptchaCheck captchas;
    private final AuditTrail audit;
    private final ApplicationRepository applications;

    PlatformAttempts(TransactionRunner transactions, AppClock clock, CaptchaStore captchas, Secrets secrets,
                     AuditTrail audit, ApplicationRepository applications) {
        this.transactions = transactions;
        this.clock = clock;
        this.captchas = new CaptchaCheck(captchas, secrets);
        this.audit = audit;
        this.applications = applications;
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
     *                       tells the note the applications open on the phone and which one matched
     * @param outcome        the stable name of an answer, for the audit
     */
    <R> R run(Attempt attempt, R captchaInvalid, BiFunction<Instant, AuditNote, R> decide, Function<R, String> outcome) {
        return transactions.inTransaction(() -> {
            Instant now = clock.now();
            AuditNote note = new AuditNote(attempt.platformProvince());
            R result = captchas.passes(attempt.captchaId(), attempt.captchaAnswer(), now) ? decide.apply(now, note)
                    : captchaInvalid;
            PhoneNumber phone = phoneOrNull(attempt.phone());
            if (phone != null && !note.openKnown) {
                // the decision did not get as far (captcha, refused input, a phone locked out): who has
                // an application on this phone is read here, without locking, so they see it too
                note.openIn(applications.provincesOpenOnPhone(phone, now));
            }
            audit.record(AuditEntry.of(now, attempt.action(), attempt.phone(), outcome.apply(result),
                    attempt.clientAddress(), note.province, note.applicationId, note.visibleTo));
            return result;
        });
    }

    private static PhoneNumber phoneOrNull(String typed) {
        try {
            return PhoneNumber.of(typed);
        } catch (InvalidInputException e) {
            return null;
        }
    }

    /**
     * What the audit says of the attempt. Whose attempt it was: the application that matched, else the
     * province of the platform host it came in on (else none). Who sees it: the host's province and
     * that of every application open on the phone at the time, whichever host it came in on.
     */
    static final class AuditNote {
        private ProvinceCode province;
        private ApplicationId applicationId;
        private final Set<ProvinceCode> visibleTo = new TreeSet<>((a, b) -> a.value().compareTo(b.value()));
        private boolean openKnown;

        private AuditNote(String platformProvince) {
            try {
                this.province = platformProvince == null ? null : ProvinceCode.of(platformProvince);
            } catch (InvalidInputException e) {
                this.province = null;
            }
            if (province != null) {
                visibleTo.add(province);
            }
        }

        /**
         * Every application open on the attempt's phone, as loaded, before the platform host's filter:
         * each one's province sees the attempt.
         */
        void openOnPhone(List<FilingApplication> open) {
            openIn(open.stream().map(a -> a.state().province()).toList());
        }

        private void openIn(Collection<ProvinceCode> provinces) {
            openKnown = true;
            visibleTo.addAll(provinces);
        }

        void matched(FilingApplication application) {
            if (applicationId == null) {
                this.province = application.state().province();
                this.applicationId = application.id();
                visibleTo.add(province);
            }
        }
    }
}
