-- When SMS went out, per phone (its blind index, never the phone) and province: what the SMS ceilings are
-- checked against. V4, not V3: V3 is taken by another branch (the event sequencer).
CREATE TABLE sms_sent (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    phone_index CHAR(64)    NOT NULL,
    province    VARCHAR(16) NOT NULL,
    sent_at     DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    KEY ix_sms_sent_phone (phone_index, sent_at),
    KEY ix_sms_sent_province (province, sent_at),
    KEY ix_sms_sent_at (sent_at)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
