package beian.verify.core.domain;

/** The kinds of filing application (备案类型). */
public enum FilingType {
    /** 新增备案. */
    NEW_FILING,
    /** 新增网站. */
    NEW_WEBSITE,
    /** 转入备案. */
    TRANSFER_IN,
    /** 变更备案. */
    CHANGE_FILING,
    /** 注销主体. */
    CANCEL_SUBJECT,
    /** 注销网站. */
    CANCEL_WEBSITE,
    /** 取消接入. */
    CANCEL_ACCESS;

    /** Whether approving an application of this type writes or removes filed records (all but 取消接入). */
    public boolean changesFiledRecords() {
        return this != CANCEL_ACCESS;
    }
}
