-- DOMAIN.md "Privacy" (revised 2026-12-07): an attempt is visible to the reviewers of the province of
-- the platform host it came in on AND of every province with an application open on the phone at the
-- time, so one audit row is visible to several provinces: one row here per (entry, province). An
-- entry visible to no province has one row with an empty province, which no reviewer's province
-- matches: recording an entry is then the same two statements whatever it is visible to, so a miss
-- does not tell by its cost whether the phone has open applications (MariaDbVerifyTimingTest).
CREATE TABLE audit_entry_province (
    audit_id BIGINT     NOT NULL,
    province VARCHAR(2) NOT NULL,
    PRIMARY KEY (audit_id, province),
    CONSTRAINT fk_audit_province_entry FOREIGN KEY (audit_id) REFERENCES audit_entry (id)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- a reviewer's page: the entries of some provinces in id order
CREATE INDEX ix_audit_visible ON audit_entry_province (province, audit_id);

-- Entries recorded before this version keep the one province they were filed under (the matched
-- application's, else the host's); one filed under none is visible to none.
INSERT INTO audit_entry_province (audit_id, province)
SELECT id, COALESCE(province, '') FROM audit_entry;
