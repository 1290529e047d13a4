package beian.verify.core.port.in;

import beian.verify.core.domain.ApplicationStatus;
import beian.verify.core.domain.ErrorCode;

/** A person proves a code on the province's verification platform (备案短信核验). */
public interface VerifyCodeUseCase {

    VerifyCodeResult verify(VerifyCodeCommand command);

    /** As typed on the page; {@code clientAddress} is for the audit only. */
    record VerifyCodeCommand(String phone, String idTail, String code, String captchaId, String captchaAnswer,
                             String clientAddress) {
        @Override
        public String toString() {
            return "VerifyCodeCommand[***]";
        }
    }

    /** The answer, with the words the provincial page shows. */
    sealed interface VerifyCodeResult {
        /** The page's sentence for this answer. */
        String message();

        /** Verified (now or before); {@code pendingTargets} of the same application still have to. */
        record Verified(int pendingTargets, ApplicationStatus applicationStatus) implements VerifyCodeResult {
            public static final String OTHERS_PENDING = "您的短信核验完成，请等待其他核验人进行短信核验";
            public static final String ALL_DONE = "您的短信核验已全部完成，该请求将提交管局审核";

            @Override
            public String message() {
                return pendingTargets > 0 ? OTHERS_PENDING : ALL_DONE;
            }
        }

        /** Refused; {@code code} is the stable error code. */
        record Refused(ErrorCode code, String field, String message) implements VerifyCodeResult {
        }

        String NOT_FOUND = "该条验证库里找不到记录，请核实信息后重新输入";
        String FAILED = "短信核验失败，您的备案申请已被退回";
        String CAPTCHA_INVALID = "图形验证码错误或已过期，请重新输入";
        String TOO_MANY_ATTEMPTS = "验证码错误次数过多，请一小时后再试";

        static VerifyCodeResult notFound() {
            return new Refused(ErrorCode.RECORD_NOT_FOUND, null, NOT_FOUND);
        }
    }
}
