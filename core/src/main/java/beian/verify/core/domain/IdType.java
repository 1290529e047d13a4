package beian.verify.core.domain;

/** The kinds of identity document a principal may file with. */
public enum IdType {
    RESIDENT_ID,
    HK_MACAO_PERMIT,
    TAIWAN_PERMIT,
    PASSPORT
}
