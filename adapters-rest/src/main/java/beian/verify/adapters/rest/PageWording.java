package beian.verify.adapters.rest;

import beian.verify.core.domain.ErrorCode;

/**
 * What the verification page answers, in the words of the provincial sites (信息来源: the
 * providers' help pages). The core decides the outcome; these sentences are this adapter's.
 */
final class PageWording {
    static final String OTHERS_PENDING = "您的短信核验完成，请等待其他核验人进行短信核验";
    static final String ALL_DONE = "您的短信核验已全部完成，该请求将提交管局审核";
    static final String NOT_FOUND = "该条验证库里找不到记录，请核实信息后重新输入";
    static final String FAILED = "短信核验失败，您的备案申请已被退回";
    static final String CAPTCHA_INVALID = "图形验证码错误或已过期，请重新输入";
    /** The captcha that needs no sight asks the person to type nothing: its refusal says so. */
    static final String PROOF_OF_WORK_INVALID = "无障碍验证未通过或已过期，请等待浏览器重新完成验证后再提交";
    static final String TOO_MANY_ATTEMPTS = "验证码错误次数过多，请一小时后再试";
    static final String RESEND_SENT = "您的短信已发送成功";
    static final String NOTHING_PENDING = "暂无待短信核验的备案申请，无需重发短信";
    static final String RESEND_TOO_FREQUENT = "短信重发过于频繁或次数已用完，请稍后再试";

    private PageWording() {
    }

    /** A successful verification: whether other people of the same application still have to verify. */
    static String verified(int pendingTargets) {
        return pendingTargets > 0 ? OTHERS_PENDING : ALL_DONE;
    }

    /** The sentence for a refusal of the verify form (INVALID_ARGUMENT has its own, naming the field). */
    static String verifyRefused(ErrorCode code) {
        return switch (code) {
            case CAPTCHA_INVALID -> CAPTCHA_INVALID;
            case VERIFICATION_FAILED -> FAILED;
            case TOO_MANY_ATTEMPTS -> TOO_MANY_ATTEMPTS;
            default -> NOT_FOUND;
        };
    }

    /** The sentence for a refusal of the resend form. */
    static String resendRefused(ErrorCode code) {
        return switch (code) {
            case CAPTCHA_INVALID -> CAPTCHA_INVALID;
            case RESEND_TOO_FREQUENT -> RESEND_TOO_FREQUENT;
            case TOO_MANY_ATTEMPTS -> TOO_MANY_ATTEMPTS;
            default -> NOTHING_PENDING;
        };
    }
}
