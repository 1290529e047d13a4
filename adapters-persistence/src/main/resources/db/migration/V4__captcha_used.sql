-- Captchas are no longer stored when issued: the captcha id is a signed token carrying its expiry
-- and its answer's keyed hash (IssueCaptchaService). What stays in the database is which captchas
-- have been checked, so each is used once across every instance; a mark is kept until its captcha
-- expires, then purged. Captchas issued before this version (at most five minutes' worth) no longer
-- pass: the page asks for a new one.
CREATE TABLE captcha_used (
    id         VARCHAR(64) NOT NULL,
    keep_until DATETIME(6) NOT NULL,
    PRIMARY KEY (id)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_captcha_used_keep ON captcha_used (keep_until);

DROP TABLE captcha_challenge;
