package beian.verify.core.port.in;

import beian.verify.core.domain.ErrorCode;
import beian.verify.core.domain.FieldPath;

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

        /** Queued for sending to {@code targets} targets. */
        record Sent(int targets) implements ResendSmsResult {
            @Override
            public String outcome() {
                return "SENT";
            }
        }

        /**
         * Refused: CAPTCHA_INVALID, INVALID_ARGUMENT (with the field), RECORD_NOT_FOUND (nothing
         * pending for that phone and ID tail; a miss of step 5), TOO_MANY_ATTEMPTS (the miss limits
         * lock this network or the phone), or RESEND_TOO_FREQUENT.
         */
        record Refused(ErrorCode code, FieldPath field, String reason) implements ResendSmsResult {
            public static Refused of(ErrorCode code) {
                return new Refused(code, null, null);
            }

            @Override
            public String outcome() {
                return code.name();
            }
        }
    }
}
