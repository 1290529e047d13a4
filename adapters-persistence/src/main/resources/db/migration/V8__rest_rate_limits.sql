-- Per-client request limits shared by every instance (issue #11): fixed one-minute windows, one row
-- per (limit and client network, window). The key is a blind index: no address is stored. One
-- INSERT ... ON DUPLICATE KEY UPDATE per request; rows are purged once kept_until has passed.
CREATE TABLE request_window (
    counter_key  CHAR(64)    NOT NULL,
    window_start DATETIME(6) NOT NULL,
    hits         BIGINT      NOT NULL,
    keep_until   DATETIME(6) NOT NULL,
    PRIMARY KEY (counter_key, window_start)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_request_window_keep ON request_window (keep_until);

-- network_throttle rows are purged once their misses have left the window and their lock is over:
-- last_miss is the newest miss (NULL: none), written with every save. Rows from before this version
-- get a day from now (session time zone; stored times are UTC, and no zone is a day off), so none is
-- purged while its misses may still count; they are purged a day later at most.
ALTER TABLE network_throttle ADD COLUMN last_miss DATETIME(6) NULL;
UPDATE network_throttle SET last_miss = TIMESTAMPADD(DAY, 1, CURRENT_TIMESTAMP) WHERE recent_misses <> '';
CREATE INDEX ix_network_throttle_last_miss ON network_throttle (last_miss);
