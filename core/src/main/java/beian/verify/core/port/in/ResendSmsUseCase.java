package beian.verify.core.port.in;

import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.FieldPath;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A person asks for the verification SMS again (短信重发). */
public interface ResendSmsUseCase {

    ResendSmsResult resend(ResendSmsCommand command);

    /**
     * As typed on the page; {@code clientAddress} is for the audit and the miss limits (its
     * network). {@code platformProvince} is the province whose platform host the page was reached at:
     * only that province's applications are considered; {@code null} (any other host) considers every
     * province.
     */
    record ResendSmsCommand(String phone, String idTail, String captchaId, String captchaAnswer, String clientAddress,
                            String platformProvince) {
        /** Reached at a host that serves every province. */
        public ResendSmsCommand(String phone, String idTail, String captchaId, String captchaAnswer,
                                String clientAddress) {
            this(phone, idTail, captchaId, captchaAnswer, clientAddress, null);
        }

        @Override
        public String toString() {
            return "ResendSmsCommand[***]";
        }
    }

    /** The answer; each adapter words it for its readers. */
    sealed interface ResendSmsResult {
        /** The stable name of this answer, as the audit records it. */
        String outcome();

        /**
         * Queued for {@code targets} targets, each SMS within the phone's SMS ceilings: the dispatcher
         * hands it to the carrier at once, not later.
         */
        record Sent(int targets) implements ResendSmsResult {
            @Override
            public String outcome() {
                return "SENT";
            }
        }

        /**
         * Refused: CAPTCHA_INVALID, INVALID_ARGUMENT (with the field), RECORD_NOT_FOUND (nothing
         * pending for that phone and ID tail; a miss of step 5), TOO_MANY_ATTEMPTS (the miss limits
         * lock this network or the phone; {@code retryAfter} until the lock ends), or RESEND_TOO_FREQUENT:
         * with {@code retryAfter} until the phone may receive its next SMS (its SMS ceiling) or the
         * target its next manual resend (their spacing), whichever is later; without one when the
         * target's manual resends are used up (it will never be allowed).
         */
        record Refused(ErrorCode code, FieldPath field, String reason, Optional<Duration> retryAfter)
                implements ResendSmsResult {
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
