-- One code per target (DOMAIN.md "Codes", revised 2026-12-07): every SMS to a target, first or resent,
-- carries the same code, derived from the service's hash key, the application, the target and a draw
-- number (HMAC-SHA-256; the code itself is stored nowhere). The target keeps only the draw: a random
-- non-negative number, drawn again when its code was still valid for another target of the same phone.
--
-- Rows stored before have no draw (NULL) and one or more random codes' hashes in code_hashes: those codes
-- stay valid until the deadline, and at its next SMS such a target gets its derived code beside them.
ALTER TABLE verification_target ADD COLUMN code_draw INT NULL;
