-- Retention (DOMAIN.md "Privacy", revised 2026-11-30): the personal data of an application closed
-- (RETURNED, APPROVED, REJECTED) longer than the configured period is erased, with its audit records;
-- anonymous counts stay. V9, as assigned (V8 is another branch's).

-- When the application closed: the period counts from it. Existing closed applications take the time
-- of their closing event (RETURNED, APPROVED or REJECTED), else their deadline (they closed no later
-- than a return at the deadline could have; an approval after it is counted from the deadline).
ALTER TABLE application ADD COLUMN closed_at DATETIME(6) NULL;

-- What retention erases is found by application id: events, SMS and audit records had no index on it.
CREATE INDEX ix_event_application ON provider_event (application_id);
CREATE INDEX ix_outbox_application ON sms_outbox (application_id);
CREATE INDEX ix_audit_application ON audit_entry (application_id, id);

UPDATE application SET closed_at = COALESCE(
        (SELECT MAX(e.occurred_at) FROM provider_event e
          WHERE e.application_id = application.id AND e.event_type IN ('RETURNED', 'APPROVED', 'REJECTED')),
        deadline)
 WHERE status IN ('RETURNED', 'APPROVED', 'REJECTED');

-- The retention job's work list: closed applications, oldest closing first.
CREATE INDEX ix_application_closed ON application (closed_at);

-- Anonymous counts that outlive erasure: applications closed per day (in the configured zone,
-- Asia/Shanghai by default), province, filing type and outcome (APPROVED, REJECTED, RETURNED_<reason>).
-- Each erasing transaction appends its batch's tallies here; a count is the SUM over its key. Appended,
-- never updated in place: two instances erasing at once would otherwise lock (and deadlock on) the
-- same few hot rows. Applications not erased yet are counted from their own rows (docs/operations.md
-- has the query adding both).
CREATE TABLE closed_application_count (
    id           BIGINT      NOT NULL AUTO_INCREMENT,
    closed_on    DATE        NOT NULL,
    province     VARCHAR(2)  NOT NULL,
    filing_type  VARCHAR(32) NOT NULL,
    outcome      VARCHAR(48) NOT NULL,
    applications BIGINT      NOT NULL,
    PRIMARY KEY (id)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_closed_count_day ON closed_application_count (closed_on);
