-- Up Migration
-- The kernel's schema (docs/architecture.md, How the pieces fit): accounts, credentials,
-- audit log and idempotency records. Every tenant row carries account_id, the
-- future shard key, and is guarded by row-level security keyed on
-- `app.account_id`, which the service sets per transaction (SET LOCAL).

CREATE SCHEMA IF NOT EXISTS platform;
CREATE EXTENSION IF NOT EXISTS pgcrypto;

-- The service's role: owns nothing, so RLS applies to it. Roles are
-- cluster-wide, so several databases (one per test run) may race to create it.
DO $$
BEGIN
  CREATE ROLE yorozu_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
GRANT yorozu_app TO CURRENT_USER;
GRANT USAGE ON SCHEMA platform TO yorozu_app;

CREATE FUNCTION platform.current_account_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT NULLIF(current_setting('app.account_id', true), '')::uuid $$;

CREATE TABLE platform.accounts (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  password_hash text NOT NULL,
  name text,
  role text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX accounts_email_key ON platform.accounts (lower(email));

CREATE TABLE platform.refresh_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  family_id uuid NOT NULL,
  token_hash bytea NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  rotated_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family_idx ON platform.refresh_tokens (account_id, family_id);

CREATE TABLE platform.api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  name text NOT NULL,
  prefix text NOT NULL,
  secret_hash bytea NOT NULL UNIQUE,
  scopes text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_keys_account_page_idx ON platform.api_keys (account_id, created_at DESC, id DESC);

CREATE TABLE platform.audit_log (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  actor_type text NOT NULL CHECK (actor_type IN ('account', 'api_key')),
  actor_id uuid NOT NULL,
  action text NOT NULL,
  resource text NOT NULL,
  resource_id uuid,
  request_id text NOT NULL,
  ip inet,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX audit_log_account_page_idx ON platform.audit_log (account_id, created_at DESC, id DESC);

CREATE TABLE platform.idempotency_keys (
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  key text NOT NULL,
  request_hash bytea NOT NULL,
  response_status integer NOT NULL,
  response_body jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, key)
);

-- Row-level security: the second wall behind the service's own checks.
ALTER TABLE platform.accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY accounts_own ON platform.accounts USING (id = platform.current_account_id());
ALTER TABLE platform.refresh_tokens ENABLE ROW LEVEL SECURITY;
CREATE POLICY refresh_tokens_own ON platform.refresh_tokens USING (account_id = platform.current_account_id());
ALTER TABLE platform.api_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY api_keys_own ON platform.api_keys USING (account_id = platform.current_account_id());
ALTER TABLE platform.audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_log_own ON platform.audit_log USING (account_id = platform.current_account_id());
ALTER TABLE platform.idempotency_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY idempotency_keys_own ON platform.idempotency_keys USING (account_id = platform.current_account_id());

GRANT SELECT, INSERT, UPDATE ON platform.accounts TO yorozu_app;
GRANT SELECT, INSERT, UPDATE ON platform.refresh_tokens TO yorozu_app;
GRANT SELECT, INSERT, UPDATE ON platform.api_keys TO yorozu_app;
-- Append-only for the service, so the trail cannot be rewritten: no UPDATE, no DELETE.
GRANT SELECT, INSERT ON platform.audit_log TO yorozu_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON platform.idempotency_keys TO yorozu_app;

-- Credential look-ups happen before the account is known, so they cannot go
-- through RLS. These functions run as the owner, take only a secret's hash
-- or an email, and return only what authentication needs.
CREATE FUNCTION platform.find_login(p_email text)
  RETURNS TABLE (account_id uuid, password_hash text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = platform, pg_temp
  AS $$ SELECT id, password_hash FROM platform.accounts WHERE lower(email) = lower(p_email) $$;

CREATE FUNCTION platform.find_refresh_token(p_token_hash bytea)
  RETURNS TABLE (id uuid, account_id uuid, family_id uuid, expires_at timestamptz, rotated_at timestamptz, revoked_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = platform, pg_temp
  AS $$
    SELECT id, account_id, family_id, expires_at, rotated_at, revoked_at
    FROM platform.refresh_tokens WHERE token_hash = p_token_hash
  $$;

-- Marks the key used at most once a minute, so authentication is not a write per request.
CREATE FUNCTION platform.authenticate_api_key(p_secret_hash bytea)
  RETURNS TABLE (id uuid, account_id uuid, scopes text[])
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = platform, pg_temp
  AS $$
    WITH found AS (
      SELECT k.id, k.account_id, k.scopes, k.last_used_at
      FROM platform.api_keys k
      WHERE k.secret_hash = p_secret_hash AND k.revoked_at IS NULL
    ), touched AS (
      UPDATE platform.api_keys k SET last_used_at = now()
      FROM found
      WHERE k.id = found.id AND (found.last_used_at IS NULL OR found.last_used_at < now() - interval '1 minute')
    )
    SELECT id, account_id, scopes FROM found
  $$;

REVOKE ALL ON FUNCTION platform.find_login(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION platform.find_refresh_token(bytea) FROM PUBLIC;
REVOKE ALL ON FUNCTION platform.authenticate_api_key(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION platform.find_login(text) TO yorozu_app;
GRANT EXECUTE ON FUNCTION platform.find_refresh_token(bytea) TO yorozu_app;
GRANT EXECUTE ON FUNCTION platform.authenticate_api_key(bytea) TO yorozu_app;
GRANT EXECUTE ON FUNCTION platform.current_account_id() TO yorozu_app;

-- Down Migration
DROP SCHEMA platform CASCADE;
