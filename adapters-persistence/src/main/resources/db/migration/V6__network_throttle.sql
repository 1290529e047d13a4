-- DOMAIN.md step 5 (revised 2026-11-30): misses of one phone from one client network (an IPv4
-- address or an IPv6 /64) lock that network out of that phone. The key is two blind indexes (phone,
-- then network, joined by ':'): neither the phone nor the address is stored. Rows are read and
-- written under the phone's phone_throttle row lock, so the counts of one phone are serialised
-- across instances.
CREATE TABLE network_throttle (
    throttle_key  CHAR(129)     NOT NULL,
    recent_misses VARCHAR(2000) NOT NULL,
    locked_until  DATETIME(6)   NULL,
    PRIMARY KEY (throttle_key)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The phone-wide limit counts 100 misses an hour (each an ISO instant of up to 30 characters).
ALTER TABLE phone_throttle MODIFY recent_misses VARCHAR(8000) NOT NULL;
