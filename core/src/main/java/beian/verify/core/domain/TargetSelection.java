package beian.verify.core.domain;

/** Which principals of an application must verify: one row of the policy table. */
public enum TargetSelection {
    /** 暂不验证: nobody; the application goes straight to review. */
    NONE,
    /** The subject principal and every website principal (新增备案). */
    SUBJECT_AND_WEBSITES,
    /** The website principal of each listed website (新增网站, 转入备案, 取消接入). */
    WEBSITES,
    /** The subject principal (注销主体). */
    SUBJECT,
    /** The subject principal when the subject changes, and the principal of each changed website (变更备案). */
    CHANGED,
    /** The principals of the listed websites, or the subject principal when no website is listed (注销网站). */
    SUBJECT_OR_WEBSITES
}
