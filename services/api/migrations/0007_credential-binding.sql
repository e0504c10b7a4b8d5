-- Up Migration
-- Stored idempotent responses bound to the credential, sealed at rest; access
-- tokens checked against a live account (docs/security.md).
--
-- platform.idempotency_keys was keyed by (account_id, key) and kept the
-- response body as jsonb: any credential of the account could replay any
-- stored response, including a new API key's secret minted by a stronger
-- credential, and the secret sat in the table in clear for 24 hours. Records
-- are now keyed by the credential too (actor_type/actor_id, as in audit_log:
-- an API key, or the account itself for its access tokens), and the body is
-- an AES-256-GCM box the service seals and opens (src/kernel/idempotency.ts).
--
-- The existing records are deleted, not converted: they hold secrets in
-- clear and say nothing about which credential made them. A client retrying
-- across this migration with a key from before it runs its request again.
DELETE FROM platform.idempotency_keys;
ALTER TABLE platform.idempotency_keys
  DROP CONSTRAINT idempotency_keys_pkey,
  DROP COLUMN response_body,
  ADD COLUMN actor_type text NOT NULL CHECK (actor_type IN ('account', 'api_key')),
  ADD COLUMN actor_id uuid NOT NULL,
  ADD COLUMN response_sealed bytea NOT NULL,
  ADD PRIMARY KEY (account_id, actor_type, actor_id, key);

-- An access token is verified without the database, so it still names an
-- account after that account is deleted (and a correctly signed token may
-- name an id that never existed). The transaction binds to the account only
-- if it exists, in one statement like find_api_key (0006); no row means 401.
-- Runs as the owner: the account is not known to RLS yet.
CREATE FUNCTION platform.find_account(p_id uuid)
  RETURNS TABLE (id uuid)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = platform, pg_temp
  AS $$
  BEGIN
    RETURN QUERY SELECT a.id FROM platform.accounts a WHERE a.id = p_id;
  END
  $$;
REVOKE ALL ON FUNCTION platform.find_account(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION platform.find_account(uuid) TO yorozu_app;

-- Down Migration
DROP FUNCTION platform.find_account(uuid);
DELETE FROM platform.idempotency_keys;
ALTER TABLE platform.idempotency_keys
  DROP CONSTRAINT idempotency_keys_pkey,
  DROP COLUMN response_sealed,
  DROP COLUMN actor_id,
  DROP COLUMN actor_type,
  ADD COLUMN response_body jsonb,
  ADD PRIMARY KEY (account_id, key);
