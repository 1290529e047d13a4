-- beian-verify storage, version 1. Portable DDL: MySQL 8, MariaDB 10.11 and H2 in MODE=MySQL all
-- accept it (H2 ignores the table options). Tables use a binary collation: request ids, captcha ids,
-- carrier references and ciphertexts are case-sensitive and must not compare equal by case or
-- trailing blanks. Instants are UTC in DATETIME(6) (microseconds; no 2038 limit, no session time
-- zone conversion). Phones are AES-GCM ciphertexts "<key id>:<base64>"; *_index columns are
-- HMAC-SHA-256 blind indexes. Codes, ID tails and captcha answers are keyed hashes from the core.

CREATE TABLE application (
    id                  VARCHAR(36)  NOT NULL,
    provider            VARCHAR(64)  NOT NULL,
    request_id          VARCHAR(128) NOT NULL,
    request_fingerprint VARCHAR(128) NOT NULL,
    filing_type         VARCHAR(32)  NOT NULL,
    province            VARCHAR(2)   NOT NULL,
    subject_name        VARCHAR(128) NULL,
    subject_changed     BOOLEAN      NOT NULL,
    subject_phone       VARCHAR(128) NULL,
    status              VARCHAR(32)  NOT NULL,
    return_reason       VARCHAR(32)  NULL,
    submitted_at        DATETIME(6)  NOT NULL,
    deadline            DATETIME(6)  NOT NULL,
    auto_resend_at      DATETIME(6)  NULL,
    auto_resend_done    BOOLEAN      NOT NULL,
    filing_number       VARCHAR(64)  NULL,
    reject_reason       VARCHAR(500) NULL,
    version             BIGINT       NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_application_request UNIQUE (provider, request_id)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- applications due to return: status = PENDING_VERIFICATION AND deadline <= now
CREATE INDEX ix_application_due_return ON application (status, deadline);
-- applications due for the noon resend: status, not done, auto_resend_at <= now
CREATE INDEX ix_application_due_resend ON application (status, auto_resend_done, auto_resend_at);
-- a provider's applications in id order, and of one status in id order
CREATE INDEX ix_application_provider ON application (provider, id);
CREATE INDEX ix_application_provider_status ON application (provider, status, id);
-- the review queue: one status, some provinces, in id order
CREATE INDEX ix_application_review ON application (status, province, id);

CREATE TABLE application_website (
    application_id  VARCHAR(36)  NOT NULL,
    website_index   INT          NOT NULL,
    domain          VARCHAR(253) NOT NULL,
    principal_phone VARCHAR(128) NOT NULL,
    PRIMARY KEY (application_id, website_index),
    CONSTRAINT fk_website_application FOREIGN KEY (application_id) REFERENCES application (id)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE verification_target (
    application_id        VARCHAR(36)   NOT NULL,
    target_number         INT           NOT NULL,
    roles                 VARCHAR(64)   NOT NULL,
    phone                 VARCHAR(128)  NOT NULL,
    phone_index           CHAR(64)      NOT NULL,
    id_type               VARCHAR(32)   NOT NULL,
    id_tail_hash          VARCHAR(128)  NOT NULL,
    status                VARCHAR(16)   NOT NULL,
    id_failures           INT           NOT NULL,
    code_hashes           VARCHAR(4000) NOT NULL,
    sms_sent_count        INT           NOT NULL,
    manual_resends        INT           NOT NULL,
    last_manual_resend_at DATETIME(6)   NULL,
    verified_at           DATETIME(6)   NULL,
    PRIMARY KEY (application_id, target_number),
    CONSTRAINT fk_target_application FOREIGN KEY (application_id) REFERENCES application (id)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- targets (and so open applications) by phone, through the blind index
CREATE INDEX ix_target_phone ON verification_target (phone_index);

CREATE TABLE filed_record (
    domain                  VARCHAR(253) NOT NULL,
    filing_number           VARCHAR(64)  NOT NULL,
    province                VARCHAR(2)   NOT NULL,
    provider                VARCHAR(64)  NOT NULL,
    subject_principal_phone VARCHAR(128) NULL,
    website_principal_phone VARCHAR(128) NOT NULL,
    PRIMARY KEY (domain)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- a provider's events by sequence: the primary key
CREATE TABLE provider_event (
    provider       VARCHAR(64)   NOT NULL,
    seq            BIGINT        NOT NULL,
    event_type     VARCHAR(32)   NOT NULL,
    application_id VARCHAR(36)   NOT NULL,
    masked_phone   VARCHAR(16)   NULL,
    sms_trigger    VARCHAR(16)   NULL,
    reason         VARCHAR(1000) NULL,
    occurred_at    DATETIME(6)   NOT NULL,
    PRIMARY KEY (provider, seq)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE sms_outbox (
    id                VARCHAR(64)   NOT NULL,
    provider          VARCHAR(64)   NOT NULL,
    application_id    VARCHAR(36)   NOT NULL,
    target_number     INT           NOT NULL,
    phone             VARCHAR(128)  NOT NULL,
    sms_text          VARCHAR(4000) NULL,
    sms_trigger       VARCHAR(16)   NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    attempts          INT           NOT NULL,
    next_attempt_at   DATETIME(6)   NOT NULL,
    lease_until       DATETIME(6)   NULL,
    last_error        VARCHAR(1000) NULL,
    carrier_reference VARCHAR(128)  NULL,
    delivery          VARCHAR(16)   NULL,
    PRIMARY KEY (id)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- queued SMS due: status = QUEUED AND next_attempt_at <= now
CREATE INDEX ix_outbox_due ON sms_outbox (status, next_attempt_at);
-- delivery reports name the carrier's reference
CREATE INDEX ix_outbox_carrier_reference ON sms_outbox (carrier_reference);

CREATE TABLE phone_throttle (
    phone_index   CHAR(64)      NOT NULL,
    recent_misses VARCHAR(2000) NOT NULL,
    locked_until  DATETIME(6)   NULL,
    PRIMARY KEY (phone_index)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE captcha_challenge (
    id          VARCHAR(64)  NOT NULL,
    answer_hash VARCHAR(128) NOT NULL,
    expires_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_captcha_expires ON captcha_challenge (expires_at);

CREATE TABLE audit_entry (
    id             BIGINT      NOT NULL AUTO_INCREMENT,
    recorded_at    DATETIME(6) NOT NULL,
    action         VARCHAR(16) NOT NULL,
    masked_phone   VARCHAR(16) NULL,
    outcome        VARCHAR(64) NOT NULL,
    client_address VARCHAR(64) NULL,
    PRIMARY KEY (id)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_audit_recorded_at ON audit_entry (recorded_at);
