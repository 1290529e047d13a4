-- Events no longer take their per-provider sequence while the appending transaction runs (V2 locked
-- the provider's event_stream row until commit, so all writes of one provider committed one after
-- another). An event is now inserted with an auto-increment id and no sequence; the sequencer (one
-- transaction at a time across every instance, serialised on the event_sequencer row) stamps
-- committed events with their provider's next sequences, in id order, and advances event_stream.
-- Readers read stamped events only, so a reader that has seen sequence N never later finds a
-- smaller one: sequences are handed out by one writer at a time and each batch commits at once.
-- provider_event is rebuilt (a new primary key); existing events keep their sequences.
CREATE TABLE provider_event_v3 (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    provider       VARCHAR(64)   NOT NULL,
    seq            BIGINT        NULL,
    event_type     VARCHAR(32)   NOT NULL,
    application_id VARCHAR(36)   NOT NULL,
    masked_phone   VARCHAR(16)   NULL,
    sms_trigger    VARCHAR(16)   NULL,
    reason         VARCHAR(1000) NULL,
    occurred_at    DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_event_provider_seq UNIQUE (provider, seq)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO provider_event_v3 (provider, seq, event_type, application_id, masked_phone, sms_trigger, reason,
                               occurred_at)
SELECT provider, seq, event_type, application_id, masked_phone, sms_trigger, reason, occurred_at
FROM provider_event ORDER BY provider, seq;

DROP TABLE provider_event;
ALTER TABLE provider_event_v3 RENAME TO provider_event;

-- the sequencer's work list: events not stamped yet (seq IS NULL), in id order
CREATE INDEX ix_event_unstamped ON provider_event (seq, id);

-- One row, locked by each sequencing transaction: the single writer of sequences across instances.
CREATE TABLE event_sequencer (
    name VARCHAR(16) NOT NULL,
    runs BIGINT      NOT NULL,
    PRIMARY KEY (name)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Counters for every provider with events (V2 kept them; this only fills any that are missing).
INSERT INTO event_stream (provider, last_seq)
SELECT p.provider, MAX(p.seq) FROM provider_event p
WHERE p.seq IS NOT NULL AND p.provider NOT IN (SELECT s.provider FROM event_stream s)
GROUP BY p.provider;
