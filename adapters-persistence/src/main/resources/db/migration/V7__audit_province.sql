-- ListAuditRecords (API.md, 2026-11-30): reviewers read the audit of their provinces only, by phone
-- (its blind index: the phone itself is not stored), by application and by time.
ALTER TABLE audit_entry ADD COLUMN province CHAR(2) NULL;
ALTER TABLE audit_entry ADD COLUMN phone_index CHAR(64) NULL;
ALTER TABLE audit_entry ADD COLUMN application_id VARCHAR(64) NULL;
CREATE INDEX ix_audit_province ON audit_entry (province, id);
CREATE INDEX ix_audit_phone ON audit_entry (phone_index, id);
