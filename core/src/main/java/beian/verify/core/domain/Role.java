package beian.verify.core.domain;

/** The role in which a person must verify. */
public enum Role {
    /** 主体负责人. */
    SUBJECT_PRINCIPAL,
    /** 网站负责人. */
    WEBSITE_PRINCIPAL
}
