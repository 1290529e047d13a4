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
    /** RESEND_TOO_FREQUENT with no wait: the target's manual resends are used up, for good. */
    static final String RESENDS_USED_UP = "短信重发次数已用完，无法再次重发，请使用已收到的短信验证码完成核验";
    static final String TOO_MANY_ATTEMPTS_SO = "验证码错误次数过多";
    static final String RESEND_TOO_FREQUENT_SO = "短信发送过于频繁";

    private PageWording() {
    }

    /** A successful verification: whether other people of the same application still have to verify. */
    static String verified(int pendingTargets) {
        return pendingTargets > 0 ? OTHERS_PENDING : ALL_DONE;
    }

    /**
     * "{@code what}，请于 N 秒后再试": when to try again, in the unit a person reads best (seconds up to two
     * minutes, then minutes, then hours; rounded up, so the time said is never too early).
     */
    static String tryAgainIn(String what, long seconds) {
        String when;
        if (seconds < 120) {
            when = seconds + " 秒";
        } else if (seconds < 2 * 3600) {
            when = (seconds + 59) / 60 + " 分钟";
        } else {
            when = (seconds + 3599) / 3600 + " 小时";
        }
        return what + "，请于 " + when + "后再试";
    }

    /** The sentence for a refusal of the verify form whose wait is known: when to try. */
    static String verifyRefused(ErrorCode code, long retryAfterSeconds) {
        return code == ErrorCode.TOO_MANY_ATTEMPTS ? tryAgainIn(TOO_MANY_ATTEMPTS_SO, retryAfterSeconds)
                : verifyRefused(code);
    }

    /** The sentence for a refusal of the resend form whose wait is known: when to try. */
    static String resendRefused(ErrorCode code, long retryAfterSeconds) {
        return switch (code) {
            case TOO_MANY_ATTEMPTS -> tryAgainIn(TOO_MANY_ATTEMPTS_SO, retryAfterSeconds);
            case RESEND_TOO_FREQUENT -> tryAgainIn(RESEND_TOO_FREQUENT_SO, retryAfterSeconds);
            default -> resendRefused(code);
        };
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
            case RESEND_TOO_FREQUENT -> RESENDS_USED_UP; // with no wait: it will never be allowed
            case TOO_MANY_ATTEMPTS -> TOO_MANY_ATTEMPTS;
            default -> NOTHING_PENDING;
        };
    }
}
