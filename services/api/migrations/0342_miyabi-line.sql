-- Up Migration
-- Miyabi's LINE bot (docs/products/miyabi.md, LINE): the original design's line_messages (every
-- message received, with the intent parsed from it), the links from LINE users to accounts, the
-- one-time codes that make them, and an outbox of replies a scheduled task delivers through the
-- Messaging API. The webhook is called by LINE, not by an account: rows of users nobody linked
-- have no account, and only the functions below (SECURITY DEFINER) reach across accounts.

-- A LINE user id is `U` + 32 hex digits (https://developers.line.biz/en/reference/messaging-api/#source-user).
CREATE TABLE miyabi.line_links (
  line_user_id text PRIMARY KEY CHECK (line_user_id ~ '^U[0-9a-f]{32}$'),
  account_id uuid NOT NULL UNIQUE REFERENCES platform.accounts (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A code an account asks for and its LINE user sends to the bot (`link <code>`): valid 10 minutes, once.
CREATE TABLE miyabi.line_link_codes (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9]{8}$'),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX line_link_codes_account_idx ON miyabi.line_link_codes (account_id);

CREATE TABLE miyabi.line_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Null while the LINE user is linked to no account.
  account_id uuid REFERENCES platform.accounts (id) ON DELETE CASCADE,
  line_user_id text NOT NULL,
  -- LINE's id of the webhook event: a redelivered event is recorded (and acted on) once.
  webhook_event_id text NOT NULL UNIQUE,
  message_type text NOT NULL CHECK (
    message_type IN ('text', 'postback', 'image', 'video', 'audio', 'file', 'location', 'sticker')
  ),
  message_text text,
  parsed_intent text CHECK (parsed_intent IN ('create_issue', 'issue_status', 'list_runs', 'link', 'unknown')),
  issue_number integer,
  -- What else the message carried: a sticker's ids, a location, a file's name and size.
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX line_messages_account_idx ON miyabi.line_messages (account_id, created_at DESC, id DESC);
CREATE INDEX line_messages_line_user_idx ON miyabi.line_messages (line_user_id, created_at DESC);
CREATE INDEX line_messages_issue_number_idx ON miyabi.line_messages (issue_number) WHERE issue_number IS NOT NULL;

CREATE TABLE miyabi.line_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid REFERENCES platform.accounts (id) ON DELETE CASCADE,
  line_user_id text NOT NULL,
  -- Used while fresh (LINE accepts a reply token once, shortly after the event); else a push.
  reply_token text,
  messages jsonb NOT NULL CHECK (jsonb_typeof(messages) = 'array'),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX line_outbox_pending_idx ON miyabi.line_outbox (created_at) WHERE status = 'pending';
CREATE INDEX line_outbox_created_idx ON miyabi.line_outbox (created_at);

ALTER TABLE miyabi.line_links ENABLE ROW LEVEL SECURITY;
CREATE POLICY line_links_select_own ON miyabi.line_links FOR SELECT
  USING (account_id = platform.current_account_id());
CREATE POLICY line_links_delete_own ON miyabi.line_links FOR DELETE
  USING (account_id = platform.current_account_id());
GRANT SELECT, DELETE ON miyabi.line_links TO yorozu_app;

ALTER TABLE miyabi.line_link_codes ENABLE ROW LEVEL SECURITY;
CREATE POLICY line_link_codes_select_own ON miyabi.line_link_codes FOR SELECT
  USING (account_id = platform.current_account_id());
CREATE POLICY line_link_codes_insert_own ON miyabi.line_link_codes FOR INSERT
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY line_link_codes_delete_own ON miyabi.line_link_codes FOR DELETE
  USING (account_id = platform.current_account_id());
GRANT SELECT, INSERT, DELETE ON miyabi.line_link_codes TO yorozu_app;

-- Messages of a linked user are the account's, and those of unlinked users have no account
-- (nobody can read them back through the service's role). The webhook writes them through
-- miyabi.record_line_message: an INSERT ... ON CONFLICT would have to pass the SELECT policy,
-- which an unlinked user's row never does.
ALTER TABLE miyabi.line_messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY line_messages_select_own ON miyabi.line_messages FOR SELECT
  USING (account_id = platform.current_account_id());
GRANT SELECT ON miyabi.line_messages TO yorozu_app;

ALTER TABLE miyabi.line_outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY line_outbox_select_own ON miyabi.line_outbox FOR SELECT
  USING (account_id = platform.current_account_id());
CREATE POLICY line_outbox_insert ON miyabi.line_outbox FOR INSERT
  WITH CHECK (account_id IS NULL OR account_id = platform.current_account_id());
GRANT SELECT, INSERT ON miyabi.line_outbox TO yorozu_app;

-- The account a LINE user is linked to, or null: the webhook has no account to look it up under.
CREATE FUNCTION miyabi.line_account(p_line_user_id text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ SELECT account_id FROM miyabi.line_links WHERE line_user_id = p_line_user_id $$;

-- Records one webhook event's message once: false when its webhook event id was recorded before.
CREATE FUNCTION miyabi.record_line_message(
  p_id uuid, p_account_id uuid, p_line_user_id text, p_webhook_event_id text, p_message_type text,
  p_message_text text, p_parsed_intent text, p_issue_number integer, p_details jsonb
) RETURNS boolean
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
  BEGIN
    INSERT INTO miyabi.line_messages
      (id, account_id, line_user_id, webhook_event_id, message_type, message_text, parsed_intent, issue_number, details)
    VALUES (p_id, p_account_id, p_line_user_id, p_webhook_event_id, p_message_type, p_message_text,
      p_parsed_intent, p_issue_number, p_details)
    ON CONFLICT (webhook_event_id) DO NOTHING;
    RETURN FOUND;
  END
  $$;

-- Spends a link code: links the LINE user to the code's account (replacing an earlier link of
-- either), once, before it expires. Returns the account, or null for an unknown or expired code.
CREATE FUNCTION miyabi.redeem_line_link_code(p_code text, p_line_user_id text, p_now timestamptz) RETURNS uuid
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

-- The delivery task: claims up to p_limit pending replies (skipping rows another run holds).
CREATE FUNCTION miyabi.claim_line_outbox(p_limit integer)
  RETURNS TABLE (id uuid, line_user_id text, reply_token text, messages jsonb, attempts integer, created_at timestamptz)
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    UPDATE miyabi.line_outbox o SET attempts = o.attempts + 1
    FROM (
      SELECT id FROM miyabi.line_outbox WHERE status = 'pending'
      ORDER BY created_at LIMIT p_limit FOR UPDATE SKIP LOCKED
    ) claimed
    WHERE o.id = claimed.id
    RETURNING o.id, o.line_user_id, o.reply_token, o.messages, o.attempts, o.created_at
  $$;

CREATE FUNCTION miyabi.settle_line_outbox(p_id uuid, p_status text, p_error text) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    UPDATE miyabi.line_outbox
    SET status = p_status, last_error = p_error, sent_at = CASE WHEN p_status = 'sent' THEN now() END
    WHERE id = p_id AND status = 'pending'
  $$;

-- Replies older than 24 hours go, delivered or not (their tokens and their news are stale).
CREATE FUNCTION miyabi.delete_expired_line_outbox(p_before timestamptz, p_limit integer) RETURNS integer
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    WITH doomed AS (
      SELECT id FROM miyabi.line_outbox WHERE created_at < p_before
      ORDER BY created_at LIMIT p_limit FOR UPDATE SKIP LOCKED
    ), deleted AS (
      DELETE FROM miyabi.line_outbox o USING doomed WHERE o.id = doomed.id RETURNING 1
    )
    SELECT count(*)::integer FROM deleted
  $$;

-- Runs the delivery task now, in the caller's transaction (it also runs every minute): the same
-- graphile-worker task the schedule runs, keyed so that a burst of messages queues one run.
CREATE FUNCTION miyabi.wake_line_delivery() RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
  BEGIN
    PERFORM graphile_worker.add_job('miyabi.line.deliver', '{}'::json, job_key => 'miyabi.line.deliver.now');
  END
  $$;

REVOKE ALL ON FUNCTION miyabi.line_account(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION miyabi.record_line_message(uuid, uuid, text, text, text, text, text, integer, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION miyabi.redeem_line_link_code(text, text, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION miyabi.claim_line_outbox(integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION miyabi.settle_line_outbox(uuid, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION miyabi.delete_expired_line_outbox(timestamptz, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION miyabi.wake_line_delivery() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION miyabi.line_account(text) TO yorozu_app;
GRANT EXECUTE ON FUNCTION miyabi.record_line_message(uuid, uuid, text, text, text, text, text, integer, jsonb) TO yorozu_app;
GRANT EXECUTE ON FUNCTION miyabi.redeem_line_link_code(text, text, timestamptz) TO yorozu_app;
GRANT EXECUTE ON FUNCTION miyabi.claim_line_outbox(integer) TO yorozu_app;
GRANT EXECUTE ON FUNCTION miyabi.settle_line_outbox(uuid, text, text) TO yorozu_app;
GRANT EXECUTE ON FUNCTION miyabi.delete_expired_line_outbox(timestamptz, integer) TO yorozu_app;
GRANT EXECUTE ON FUNCTION miyabi.wake_line_delivery() TO yorozu_app;

-- Down Migration
DROP FUNCTION miyabi.wake_line_delivery();
DROP FUNCTION miyabi.delete_expired_line_outbox(timestamptz, integer);
DROP FUNCTION miyabi.settle_line_outbox(uuid, text, text);
DROP FUNCTION miyabi.claim_line_outbox(integer);
DROP FUNCTION miyabi.redeem_line_link_code(text, text, timestamptz);
DROP FUNCTION miyabi.line_account(text);
DROP FUNCTION miyabi.record_line_message(uuid, uuid, text, text, text, text, text, integer, jsonb);
DROP TABLE miyabi.line_outbox;
DROP TABLE miyabi.line_messages;
DROP TABLE miyabi.line_link_codes;
DROP TABLE miyabi.line_links;
