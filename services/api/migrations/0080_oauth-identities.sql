-- Up Migration
-- Sign-in with GitHub and Google (docs/security.md, Sign-in with GitHub or Google): an account
-- may be reached through linked provider identities, and an account created by one has no
-- password (find_login then answers a NULL hash, which no password verifies).

ALTER TABLE platform.accounts ALTER COLUMN password_hash DROP NOT NULL;

-- One row per provider account linked to one of ours. No provider token is kept: the service
-- needs the provider only while signing in.
CREATE TABLE platform.identities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  provider text NOT NULL CHECK (provider IN ('github', 'google')),
  -- GitHub's numeric user id or Google's `sub`: stable, unlike a login name or an email.
  subject text NOT NULL CHECK (char_length(subject) BETWEEN 1 AND 255),
  email text CHECK (char_length(email) <= 320),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz
);
-- A provider account signs in to exactly one of ours.
CREATE UNIQUE INDEX identities_provider_subject_key ON platform.identities (provider, subject);
-- GET /v1/me/identities: the account's identities newest first (keyset).
CREATE INDEX identities_account_page_idx ON platform.identities (account_id, created_at DESC, id DESC);

ALTER TABLE platform.identities ENABLE ROW LEVEL SECURITY;
CREATE POLICY identities_own ON platform.identities USING (account_id = platform.current_account_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON platform.identities TO yorozu_app;

-- Before the account is known (a sign-in's callback), like find_login: only the account id.
CREATE FUNCTION platform.find_identity(p_provider text, p_subject text)
  RETURNS TABLE (account_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = platform, pg_temp
  AS $$ SELECT account_id FROM platform.identities WHERE provider = p_provider AND subject = p_subject $$;
REVOKE ALL ON FUNCTION platform.find_identity(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION platform.find_identity(text, text) TO yorozu_app;

-- Down Migration
DROP FUNCTION platform.find_identity(text, text);
DROP TABLE platform.identities;
DELETE FROM platform.accounts WHERE password_hash IS NULL;
ALTER TABLE platform.accounts ALTER COLUMN password_hash SET NOT NULL;
