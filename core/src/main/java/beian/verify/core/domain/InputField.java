package beian.verify.core.domain;

/**
 * An input a caller gives, named in the domain's words. Each inbound adapter spells it in its own
 * protocol (a gRPC field path, a JSON member), so the core never names a wire format.
 */
public enum InputField {
    REQUEST_ID,
    TYPE,
    PROVINCE,
    SUBJECT_NAME,
    SUBJECT_CHANGED,
    SUBJECT_PRINCIPAL,
    WEBSITES,
    DOMAIN,
    PRINCIPAL,
    NAME,
    PHONE,
    ID_TYPE,
    ID_NUMBER,
    ID_TAIL,
    CODE,
    CAPTCHA_ANSWER,
    APPLICATION_ID,
    FILING_NUMBER,
    REASON,
    PAGE_SIZE,
    PAGE_TOKEN,
    RECORDS,
    PROVIDER_ID,
    SUBJECT_PRINCIPAL_PHONE,
    WEBSITE_PRINCIPAL_PHONE
}
