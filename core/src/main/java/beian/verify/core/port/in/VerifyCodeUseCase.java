package beian.verify.core.port.in;

import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.FieldPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A person proves a code on the province's verification platform (备案短信核验). */
public interface VerifyCodeUseCase {

    VerifyCodeResult verify(VerifyCodeCommand command);

    /**
     * As typed on the page; {@code clientAddress} (as the adapter resolved it behind its trusted
     * proxies) is for the audit and the miss limits (its network). {@code platformProvince} is the
     * province whose platform host the page was reached at: only that province's applications are
     * considered; {@code null} (any other host) considers every province.
     */
    record VerifyCodeCommand(String phone, String idTail, String code, String captchaId, String captchaAnswer,
                             String clientAddress, String platformProvince) {
        /** Reached at a host that serves every province. */
        public VerifyCodeCommand(String phone, String idTail, String code, String captchaId, String captchaAnswer,
                                 String clientAddress) {
            this(phone, idTail, code, captchaId, captchaAnswer, clientAddress, null);
        }

        @Override
        public String toString() {
            return "VerifyCodeCommand[***]";
        }
    }

    /** The answer; each adapter words it for its readers. */
    sealed interface VerifyCodeResult {
        /** The stable name of this answer, as the audit records it. */
        String outcome();

        /**
         * Verified (now or before); {@code pendingTargets} of the same application still have to.
         * {@code submittedAt} is the application's submission; {@code readyAt} is set only when this
         * very request verified its last target (it went to review then), so the time from submission
         * to verification can be told without reading the application again.
         */
        record Verified(int pendingTargets, ApplicationStatus applicationStatus, Instant submittedAt, Instant readyAt)
                implements VerifyCodeResult {
            @Override
            public String outcome() {
                return "VERIFIED";
            }
        }

        /**
         * Refused: CAPTCHA_INVALID, INVALID_ARGUMENT (with the field), RECORD_NOT_FOUND (which of
         * phone, code and ID tail was wrong is never said), TOO_MANY_ATTEMPTS (with {@code retryAfter}
         * until the lock of the network or the phone ends), or VERIFICATION_FAILED (the last ID
         * failure returned the application).
         */
        record Refused(ErrorCode code, FieldPath field, String reason, Optional<Duration> retryAfter)
                implements VerifyCodeResult {
            public Refused {
                Objects.requireNonNull(retryAfter, "retryAfter (Optional.empty() when unknown)");
            }

            /** A refusal with no known end. */
            public Refused(ErrorCode code, FieldPath field, String reason) {
                this(code, field, reason, Optional.empty());
            }

            public static Refused of(ErrorCode code) {
                return new Refused(code, null, null);
            }

            /** A refusal that ends after {@code retryAfter}. */
            public static Refused of(ErrorCode code, Duration retryAfter) {
                return new Refused(code, null, null, Optional.of(RetryAfter.positive(retryAfter)));
            }

            @Override
            public String outcome() {
                return code.name();
            }
        }
    }
}
