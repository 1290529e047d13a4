-- One counter row per provider, locked FOR UPDATE while a transaction appends: commits then happen
-- in sequence order, so a reader that has seen sequence N never later finds a smaller one appear
-- (which MAX(seq)+1 or auto-increment ids committed out of order would allow). Seeded from the
-- events already stored, so existing streams continue where they are.
CREATE TABLE event_stream (
    provider VARCHAR(64) NOT NULL,
    last_seq BIGINT      NOT NULL,
    PRIMARY KEY (provider)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO event_stream (provider, last_seq)
SELECT provider, MAX(seq) FROM provider_event GROUP BY provider;
