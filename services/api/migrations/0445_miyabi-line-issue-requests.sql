-- Up Migration
-- A "create issue" asked for on LINE (docs/products/miyabi.md, LINE, Create issue): the webhook
-- records it with what its reply needs and enqueues a `miyabi.line.issue` job, which calls GitHub
-- outside any transaction and settles the row once, in the short transaction that queues the
-- reply. A settled row is what keeps a retried job from filing the issue again; `calls` counts the
-- GitHub calls started, so a retry knows an earlier call may have reached GitHub.
CREATE TABLE miyabi.line_issue_requests (
  line_message_id uuid PRIMARY KEY REFERENCES miyabi.line_messages (id) ON DELETE CASCADE,
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  line_user_id text NOT NULL,
  reply_token text,
  -- The reply's language: the message was written in Japanese.
  japanese boolean NOT NULL,
  title text NOT NULL,
  -- `owner/name` of the repository the issue goes to, chosen when the message arrived.
  repository text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'created', 'pending', 'failed')),
  calls integer NOT NULL DEFAULT 0 CHECK (calls >= 0),
  issue_number integer,
  issue_url text,
  reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  settled_at timestamptz,
  CHECK ((status = 'queued') = (settled_at IS NULL)),
  CHECK ((status = 'created') = (issue_number IS NOT NULL AND issue_url IS NOT NULL))
);
CREATE INDEX line_issue_requests_account_idx ON miyabi.line_issue_requests (account_id, created_at DESC);

ALTER TABLE miyabi.line_issue_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY line_issue_requests_select_own ON miyabi.line_issue_requests FOR SELECT
  USING (account_id = platform.current_account_id());
CREATE POLICY line_issue_requests_insert_own ON miyabi.line_issue_requests FOR INSERT
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY line_issue_requests_update_own ON miyabi.line_issue_requests FOR UPDATE
  USING (account_id = platform.current_account_id())
  WITH CHECK (account_id = platform.current_account_id());
GRANT SELECT, INSERT ON miyabi.line_issue_requests TO yorozu_app;
GRANT UPDATE (status, calls, issue_number, issue_url, reason, settled_at) ON miyabi.line_issue_requests TO yorozu_app;

-- Down Migration
DROP TABLE miyabi.line_issue_requests;
