package beian.verify.core.port.in;

import beian.verify.core.domain.ErrorCode;

/** A person asks for the verification SMS again (短信重发). */
public interface ResendSmsUseCase {

    ResendSmsResult resend(ResendSmsCommand command);

    record ResendSmsCommand(String phone, String idTail, String captchaId, String captchaAnswer, String clientAddress) {
        @Override
        public String toString() {
            return "ResendSmsCommand[***]";
        }
    }

    /** The answer, with the words the provincial page shows. */
    sealed interface ResendSmsResult {
        String message();

        /** Queued for sending to {@code targets} targets. */
        record Sent(int targets) implements ResendSmsResult {
            public static final String MESSAGE = "您的短信已发送成功";

            @Override
            public String message() {
                return MESSAGE;
            }
        }

        record Refused(ErrorCode code, String field, String message) implements ResendSmsResult {
        }

        String NOTHING_PENDING = "暂无待短信核验的备案申请，无需重发短信";
        String TOO_FREQUENT = "短信重发过于频繁或次数已用完，请稍后再试";
    }
}
