-- Up Migration
-- A grace window for refresh-token rotation (docs/security.md, Credentials).
--
-- A client with two tabs refreshes the same token twice at once; the second
-- refresh used to count as reuse of a rotated token and revoke the family,
-- logging the client out. The rotation now seals the pair it issued onto the
-- rotated row (AES-256-GCM, src/kernel/auth/sealing.ts): a refresh of the same
-- token within REFRESH_GRACE_SECONDS gets that same pair, and a later one
-- still revokes the family.
ALTER TABLE platform.refresh_tokens ADD COLUMN successor_sealed bytea;

-- Down Migration
ALTER TABLE platform.refresh_tokens DROP COLUMN successor_sealed;
