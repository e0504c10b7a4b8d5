-- Up Migration
-- Miyabi's realtime messages (docs/products/miyabi.md, Realtime): the original design's DynamoDB
-- table MiyabiWebSocketMessages (per connection, a `delivered` flag, a 24-hour TTL), per account
-- instead of per connection, since a Server-Sent Events stream resumes by `Last-Event-ID` and
-- any of the account's devices may be the one to reconnect. Each account's messages are numbered
-- 1, 2, 3… by a counter row whose lock orders them: a message with a higher number never commits
-- before one with a lower number of the same account, so a stream that has sent n has seen every
-- message up to n. `delivered_seq` is the original `delivered` flag as a high-water mark: the
-- highest number any stream of the account has sent, where a stream opened without
-- `Last-Event-ID` starts.

CREATE TABLE miyabi.realtime_streams (
  account_id uuid PRIMARY KEY REFERENCES platform.accounts (id) ON DELETE CASCADE,
  last_seq bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
  delivered_seq bigint NOT NULL DEFAULT 0 CHECK (delivered_seq >= 0)
);

CREATE TABLE miyabi.realtime_messages (
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  seq bigint NOT NULL,
  type text NOT NULL CHECK (type IN ('execution_update', 'notification')),
  payload jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, seq)
);
-- The 24-hour expiry walks this index oldest first.
CREATE INDEX realtime_messages_created_idx ON miyabi.realtime_messages (created_at);

ALTER TABLE miyabi.realtime_streams ENABLE ROW LEVEL SECURITY;
CREATE POLICY realtime_streams_select_own ON miyabi.realtime_streams FOR SELECT
  USING (account_id = platform.current_account_id());
CREATE POLICY realtime_streams_insert_own ON miyabi.realtime_streams FOR INSERT
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY realtime_streams_update_own ON miyabi.realtime_streams FOR UPDATE
  USING (account_id = platform.current_account_id())
  WITH CHECK (account_id = platform.current_account_id());
GRANT SELECT, INSERT, UPDATE ON miyabi.realtime_streams TO yorozu_app;

ALTER TABLE miyabi.realtime_messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY realtime_messages_select_own ON miyabi.realtime_messages FOR SELECT
  USING (account_id = platform.current_account_id());
CREATE POLICY realtime_messages_insert_own ON miyabi.realtime_messages FOR INSERT
  WITH CHECK (account_id = platform.current_account_id());
-- Messages are never changed; they expire (below).
GRANT SELECT, INSERT ON miyabi.realtime_messages TO yorozu_app;

-- Wakes the account's streams in every API process through the jobs' LISTEN channel
-- (src/kernel/jobs/event-hub.ts), keyed by the account id; the table stays the truth.
CREATE FUNCTION miyabi.notify_realtime_message() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    PERFORM pg_notify('platform_job_events', NEW.account_id::text);
    RETURN NULL;
  END
  $$;
CREATE TRIGGER realtime_messages_notify AFTER INSERT ON miyabi.realtime_messages
  FOR EACH ROW EXECUTE FUNCTION miyabi.notify_realtime_message();

-- Expiry across every account, at most p_limit rows a call, as the owner (the service role sees
-- one account at a time). Rows another run holds are skipped.
CREATE FUNCTION miyabi.delete_expired_realtime_messages(p_before timestamptz, p_limit integer) RETURNS integer
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    WITH doomed AS (
      SELECT account_id, seq FROM miyabi.realtime_messages
      WHERE created_at < p_before
      ORDER BY created_at
      LIMIT p_limit
      FOR UPDATE SKIP LOCKED
    ), deleted AS (
      DELETE FROM miyabi.realtime_messages m USING doomed
      WHERE m.account_id = doomed.account_id AND m.seq = doomed.seq
      RETURNING 1
    )
    SELECT count(*)::integer FROM deleted
  $$;
REVOKE ALL ON FUNCTION miyabi.delete_expired_realtime_messages(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION miyabi.delete_expired_realtime_messages(timestamptz, integer) TO yorozu_app;

-- Down Migration
DROP FUNCTION miyabi.delete_expired_realtime_messages(timestamptz, integer);
DROP TABLE miyabi.realtime_messages;
DROP FUNCTION miyabi.notify_realtime_message();
DROP TABLE miyabi.realtime_streams;
