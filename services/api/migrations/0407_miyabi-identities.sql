-- Up Migration
-- Miyabi's connected accounts (docs/products/miyabi.md, Connected accounts): one GitHub and one
-- LINE identity per account, linked by OAuth 2.0 with PKCE, and the flows started to link them.
--
-- The LINE bot's own mapping (miyabi.line_links, filled by link codes) becomes the `line` rows of
-- this table: a LINE user linked by LINE Login and one linked by a code sent to the bot are the
-- same row, so both paths write, and the bot reads, one mapping. LINE gives a user the same id in
-- every channel of one provider (https://developers.line.biz/en/docs/messaging-api/getting-user-ids/),
-- so the LINE Login channel must belong to the bot's provider.

CREATE TABLE miyabi.identities (
  id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  provider text NOT NULL CHECK (provider IN ('github', 'line')),
  -- The provider's stable user id: GitHub's numeric id, LINE's `U` + 32 hex digits.
  subject text NOT NULL CHECK (
    CASE provider WHEN 'github' THEN subject ~ '^[1-9][0-9]{0,19}$' ELSE subject ~ '^U[0-9a-f]{32}$' END
  ),
  login text CHECK (char_length(login) <= 255),
  linked_via text NOT NULL CHECK (linked_via IN ('oauth', 'link_code')),
  -- GitHub's access token, sealed with the server's sealer (AES-256-GCM, kernel/auth/sealing.ts):
  -- the database alone holds no usable token. LINE's is not kept (nothing calls LINE as the user).
  access_token bytea,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, provider),
  UNIQUE (provider, subject),
  CHECK (linked_via = 'oauth' OR provider = 'line')
);

INSERT INTO miyabi.identities (account_id, provider, subject, linked_via, created_at, updated_at)
  SELECT account_id, 'line', line_user_id, 'link_code', created_at, created_at FROM miyabi.line_links;

ALTER TABLE miyabi.identities ENABLE ROW LEVEL SECURITY;
CREATE INDEX identities_account_idx ON miyabi.identities (account_id, created_at DESC, id DESC);
CREATE POLICY identities_select_own ON miyabi.identities FOR SELECT
  USING (account_id = platform.current_account_id());
CREATE POLICY identities_delete_own ON miyabi.identities FOR DELETE
  USING (account_id = platform.current_account_id());
GRANT SELECT, DELETE ON miyabi.identities TO yorozu_app;

-- A started link: the state the provider hands back and the PKCE verifier that only this server
-- knows, for one account and provider, 10 minutes, spent once.
CREATE TABLE miyabi.identity_flows (
  state text PRIMARY KEY CHECK (char_length(state) BETWEEN 32 AND 256),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  provider text NOT NULL CHECK (provider IN ('github', 'line')),
  code_verifier text NOT NULL CHECK (char_length(code_verifier) BETWEEN 43 AND 128),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- One unfinished flow per account and provider: starting again replaces it.
  UNIQUE (account_id, provider)
);

ALTER TABLE miyabi.identity_flows ENABLE ROW LEVEL SECURITY;
CREATE POLICY identity_flows_select_own ON miyabi.identity_flows FOR SELECT
  USING (account_id = platform.current_account_id());
CREATE POLICY identity_flows_insert_own ON miyabi.identity_flows FOR INSERT
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY identity_flows_update_own ON miyabi.identity_flows FOR UPDATE
  USING (account_id = platform.current_account_id())
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY identity_flows_delete_own ON miyabi.identity_flows FOR DELETE
  USING (account_id = platform.current_account_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON miyabi.identity_flows TO yorozu_app;

-- Links an identity to an account, replacing the account's earlier identity at the provider and
-- the identity's link to any other account (both proved possession: a code sent from the LINE
-- user, or the provider's own authorization). Cross-account, hence SECURITY DEFINER; the account
-- must be the one the transaction is bound to, so the service can link only its caller.
CREATE FUNCTION miyabi.link_identity(
  p_account_id uuid, p_provider text, p_subject text, p_login text, p_linked_via text, p_access_token bytea
) RETURNS TABLE (id uuid, created_at timestamptz, updated_at timestamptz)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
  BEGIN
    IF p_account_id IS DISTINCT FROM platform.current_account_id() THEN
      RAISE EXCEPTION 'miyabi.link_identity: not the bound account' USING ERRCODE = '42501';
    END IF;
    DELETE FROM miyabi.identities i
      WHERE i.provider = p_provider AND i.subject = p_subject AND i.account_id <> p_account_id;
    RETURN QUERY
    INSERT INTO miyabi.identities AS i (account_id, provider, subject, login, linked_via, access_token)
    VALUES (p_account_id, p_provider, p_subject, p_login, p_linked_via, p_access_token)
    ON CONFLICT (account_id, provider) DO UPDATE
      SET subject = excluded.subject, login = excluded.login, linked_via = excluded.linked_via,
          access_token = excluded.access_token, updated_at = now(),
          created_at = CASE WHEN i.subject = excluded.subject THEN i.created_at ELSE now() END
    RETURNING i.id, i.created_at, i.updated_at;
  END
  $$;

-- The bot's lookup and the link-code redemption now read and write miyabi.identities.
CREATE OR REPLACE FUNCTION miyabi.line_account(p_line_user_id text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ SELECT account_id FROM miyabi.identities WHERE provider = 'line' AND subject = p_line_user_id $$;

CREATE OR REPLACE FUNCTION miyabi.redeem_line_link_code(p_code text, p_line_user_id text, p_now timestamptz)
  RETURNS uuid
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
  DECLARE
    v_account uuid;
  BEGIN
    DELETE FROM miyabi.line_link_codes WHERE code = p_code AND expires_at > p_now
      RETURNING account_id INTO v_account;
    IF v_account IS NULL THEN
      RETURN NULL;
    END IF;
    DELETE FROM miyabi.identities
      WHERE provider = 'line' AND (subject = p_line_user_id OR account_id = v_account);
    INSERT INTO miyabi.identities (account_id, provider, subject, linked_via)
      VALUES (v_account, 'line', p_line_user_id, 'link_code');
    RETURN v_account;
  END
  $$;

DROP TABLE miyabi.line_links;

REVOKE ALL ON FUNCTION miyabi.link_identity(uuid, text, text, text, text, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION miyabi.link_identity(uuid, text, text, text, text, bytea) TO yorozu_app;

-- Down Migration
CREATE TABLE miyabi.line_links (
  line_user_id text PRIMARY KEY CHECK (line_user_id ~ '^U[0-9a-f]{32}$'),
  account_id uuid NOT NULL UNIQUE REFERENCES platform.accounts (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO miyabi.line_links (line_user_id, account_id, created_at)
  SELECT subject, account_id, created_at FROM miyabi.identities WHERE provider = 'line';
ALTER TABLE miyabi.line_links ENABLE ROW LEVEL SECURITY;
CREATE POLICY line_links_select_own ON miyabi.line_links FOR SELECT
  USING (account_id = platform.current_account_id());
CREATE POLICY line_links_delete_own ON miyabi.line_links FOR DELETE
  USING (account_id = platform.current_account_id());
GRANT SELECT, DELETE ON miyabi.line_links TO yorozu_app;
CREATE OR REPLACE FUNCTION miyabi.line_account(p_line_user_id text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ SELECT account_id FROM miyabi.line_links WHERE line_user_id = p_line_user_id $$;
CREATE OR REPLACE FUNCTION miyabi.redeem_line_link_code(p_code text, p_line_user_id text, p_now timestamptz)
  RETURNS uuid
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
  DECLARE
    v_account uuid;
  BEGIN
    DELETE FROM miyabi.line_link_codes WHERE code = p_code AND expires_at > p_now
      RETURNING account_id INTO v_account;
    IF v_account IS NULL THEN
      RETURN NULL;
    END IF;
    DELETE FROM miyabi.line_links WHERE line_user_id = p_line_user_id OR account_id = v_account;
    INSERT INTO miyabi.line_links (line_user_id, account_id) VALUES (p_line_user_id, v_account);
    RETURN v_account;
  END
  $$;
DROP FUNCTION miyabi.link_identity(uuid, text, text, text, text, bytea);
DROP TABLE miyabi.identity_flows;
DROP TABLE miyabi.identities;
