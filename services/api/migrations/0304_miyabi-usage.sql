-- Up Migration
-- Plugin usage (docs/products/miyabi.md, Usage and quotas): raw events and monthly aggregates per
-- (account, plugin, YYYY-MM), as in the original design. Differences: the event id is the
-- client's (so a batch sent twice counts once: the key is (account_id, id)); the aggregate moves
-- in the same statement that inserts the events, from the rows actually inserted, instead of one
-- increment_usage() call per event; events carry their quantity and agent type as columns.

CREATE TABLE miyabi.usage_events (
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  plugin_id text NOT NULL REFERENCES miyabi.plugins (id),
  event_type text NOT NULL CHECK (event_type IN ('issue_processed', 'tokens_used', 'agent_execution')),
  quantity bigint NOT NULL CHECK (quantity > 0),
  agent_type text CHECK (agent_type IN ('Coordinator', 'CodeGen', 'Review', 'Deployment', 'PR', 'Issue')),
  event_data jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(event_data) = 'object'),
  period text NOT NULL CHECK (period ~ '^\d{4}-\d{2}$'),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (account_id, id),
  CHECK ((event_type = 'agent_execution') = (agent_type IS NOT NULL)),
  CHECK (event_type <> 'agent_execution' OR quantity = 1)
);
CREATE INDEX usage_events_page_idx ON miyabi.usage_events (account_id, created_at DESC, id DESC);
CREATE INDEX usage_events_plugin_page_idx ON miyabi.usage_events (account_id, plugin_id, created_at DESC, id DESC);

CREATE TABLE miyabi.usage_aggregates (
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  plugin_id text NOT NULL REFERENCES miyabi.plugins (id),
  period text NOT NULL CHECK (period ~ '^\d{4}-\d{2}$'),
  issues bigint NOT NULL DEFAULT 0 CHECK (issues >= 0),
  tokens bigint NOT NULL DEFAULT 0 CHECK (tokens >= 0),
  agent_executions jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(agent_executions) = 'object'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, plugin_id, period)
);
CREATE INDEX usage_aggregates_period_idx ON miyabi.usage_aggregates (account_id, period DESC, plugin_id);

ALTER TABLE miyabi.usage_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY usage_events_read ON miyabi.usage_events FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id());
CREATE POLICY usage_events_insert ON miyabi.usage_events FOR INSERT TO yorozu_app
  WITH CHECK (account_id = platform.current_account_id());
-- Append-only: no UPDATE or DELETE grant.
GRANT SELECT, INSERT ON miyabi.usage_events TO yorozu_app;

ALTER TABLE miyabi.usage_aggregates ENABLE ROW LEVEL SECURITY;
CREATE POLICY usage_aggregates_read ON miyabi.usage_aggregates FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id());
CREATE POLICY usage_aggregates_insert ON miyabi.usage_aggregates FOR INSERT TO yorozu_app
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY usage_aggregates_update ON miyabi.usage_aggregates FOR UPDATE TO yorozu_app
  USING (account_id = platform.current_account_id())
  WITH CHECK (account_id = platform.current_account_id());
GRANT SELECT, INSERT (account_id, plugin_id, period, issues, tokens, agent_executions),
      UPDATE (issues, tokens, agent_executions, updated_at)
  ON miyabi.usage_aggregates TO yorozu_app;

-- Down Migration
DROP TABLE miyabi.usage_aggregates;
DROP TABLE miyabi.usage_events;
