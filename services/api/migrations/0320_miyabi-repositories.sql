-- Up Migration
-- Miyabi's connected GitHub repositories and the webhook deliveries recorded for them
-- (docs/products/miyabi.md, Repositories, agents and workflows).

-- The seed's `repositories`, owned by an account instead of a `web_users` row. The seed makes
-- github_repo_id unique across everyone; here it is unique per account, so one account's
-- registration neither blocks another's nor tells it that the repository is connected elsewhere.
CREATE TABLE miyabi.repositories (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  github_repo_id bigint NOT NULL CHECK (github_repo_id > 0),
  owner text NOT NULL CHECK (char_length(owner) BETWEEN 1 AND 39),
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  full_name text GENERATED ALWAYS AS (owner || '/' || name) STORED,
  default_branch text NOT NULL DEFAULT 'main' CHECK (char_length(default_branch) BETWEEN 1 AND 255),
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, github_repo_id)
);
-- GET /v1/miyabi/repositories: newest first, keyset.
CREATE INDEX repositories_account_page_idx ON miyabi.repositories (account_id, created_at DESC, id DESC);
-- The webhook finds every account's active registration of a GitHub repository.
CREATE INDEX repositories_github_repo_idx ON miyabi.repositories (github_repo_id) WHERE is_active;

-- One row per GitHub delivery id ever received: what makes a redelivery (or a replayed capture)
-- a no-op. Not a tenant table (a delivery may concern several accounts, or none): the service
-- role reaches it only through miyabi.receive_github_delivery below.
CREATE TABLE miyabi.github_deliveries (
  delivery_id uuid PRIMARY KEY,
  event text NOT NULL CHECK (char_length(event) BETWEEN 1 AND 64),
  github_repo_id bigint,
  -- SHA-256 of the raw body, to tell a redelivery from a forged reuse of its id in an investigation.
  body_sha256 bytea NOT NULL CHECK (octet_length(body_sha256) = 32),
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX github_deliveries_received_idx ON miyabi.github_deliveries (received_at);
ALTER TABLE miyabi.github_deliveries ENABLE ROW LEVEL SECURITY;

-- A delivery as each account that connected the repository sees it.
CREATE TABLE miyabi.repository_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  repository_id uuid NOT NULL REFERENCES miyabi.repositories (id) ON DELETE CASCADE,
  delivery_id uuid NOT NULL REFERENCES miyabi.github_deliveries (delivery_id) ON DELETE CASCADE,
  event text NOT NULL,
  action text CHECK (char_length(action) <= 100),
  sender text CHECK (char_length(sender) <= 100),
  issue_number integer,
  pull_request_number integer,
  ref text CHECK (char_length(ref) <= 300),
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (repository_id, delivery_id)
);
-- GET /v1/miyabi/repositories/{id}/events: newest first, keyset (received_at is the list's created_at).
CREATE INDEX repository_events_page_idx
  ON miyabi.repository_events (account_id, repository_id, received_at DESC, id DESC);
CREATE INDEX repository_events_delivery_idx ON miyabi.repository_events (delivery_id);

ALTER TABLE miyabi.repositories ENABLE ROW LEVEL SECURITY;
ALTER TABLE miyabi.repository_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY repositories_read ON miyabi.repositories FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id());
CREATE POLICY repositories_insert ON miyabi.repositories FOR INSERT TO yorozu_app
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY repositories_update ON miyabi.repositories FOR UPDATE TO yorozu_app
  USING (account_id = platform.current_account_id()) WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY repositories_delete ON miyabi.repositories FOR DELETE TO yorozu_app
  USING (account_id = platform.current_account_id());
-- Events are written by the webhook's function only; owners read them (and lose them with the repository).
CREATE POLICY repository_events_read ON miyabi.repository_events FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id());

GRANT SELECT, DELETE ON miyabi.repositories TO yorozu_app;
GRANT INSERT (account_id, github_repo_id, owner, name, default_branch, is_active) ON miyabi.repositories TO yorozu_app;
GRANT UPDATE (owner, name, default_branch, is_active, updated_at) ON miyabi.repositories TO yorozu_app;
GRANT SELECT ON miyabi.repository_events TO yorozu_app;

-- A verified delivery (the caller checked X-Hub-Signature-256): claims its id, and when it is new
-- records it for every account's active registration of the repository, in one statement each.
-- SECURITY DEFINER because a delivery is nobody's request: GitHub is not an account, and the rows
-- it writes belong to whichever accounts connected the repository. At most 1000 registrations of
-- one repository are recorded per delivery, so one request's work stays bounded.
CREATE FUNCTION miyabi.receive_github_delivery(
  p_delivery_id uuid, p_event text, p_github_repo_id bigint, p_body_sha256 bytea, p_summary jsonb
) RETURNS TABLE (duplicate boolean, recorded integer)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = miyabi, pg_temp
  AS $$
DECLARE
  claimed uuid;
  n integer := 0;
BEGIN
  INSERT INTO miyabi.github_deliveries (delivery_id, event, github_repo_id, body_sha256)
  VALUES (p_delivery_id, p_event, p_github_repo_id, p_body_sha256)
  ON CONFLICT (delivery_id) DO NOTHING
  RETURNING delivery_id INTO claimed;
  IF claimed IS NULL THEN
    RETURN QUERY SELECT true, 0;
    RETURN;
  END IF;
  IF p_github_repo_id IS NOT NULL THEN
    INSERT INTO miyabi.repository_events
      (account_id, repository_id, delivery_id, event, action, sender, issue_number, pull_request_number, ref)
    SELECT r.account_id, r.id, p_delivery_id, p_event, p_summary->>'action', p_summary->>'sender',
           (p_summary->>'issueNumber')::integer, (p_summary->>'pullRequestNumber')::integer, p_summary->>'ref'
    FROM (SELECT id, account_id FROM miyabi.repositories
          WHERE github_repo_id = p_github_repo_id AND is_active LIMIT 1000) r;
    GET DIAGNOSTICS n = ROW_COUNT;
  END IF;
  RETURN QUERY SELECT false, n;
END $$;
REVOKE ALL ON FUNCTION miyabi.receive_github_delivery(uuid, text, bigint, bytea, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION miyabi.receive_github_delivery(uuid, text, bigint, bytea, jsonb) TO yorozu_app;

-- Down Migration
DROP FUNCTION miyabi.receive_github_delivery(uuid, text, bigint, bytea, jsonb);
DROP TABLE miyabi.repository_events;
DROP TABLE miyabi.github_deliveries;
DROP TABLE miyabi.repositories;
