-- Up Migration
-- Agent runs count toward their plugin's usage (docs/products/miyabi.md, Usage metering): a
-- monthly `agent-runs` quota per plugin in the plan catalogue, reserved when an execution is
-- created and given back when it fails; the plugin and the reservation's ledger entry are kept on
-- the execution, so completion counts it once in the usage aggregate and failure refunds it once.

INSERT INTO platform.metrics (product, metric, period, per, description) VALUES
  ('miyabi', 'agent-runs', 'month', 'plugin', 'Agent executions run on Miyabi, per plugin.');

-- The seed gives no numbers: a free plugin covers a small team's trial month.
INSERT INTO platform.plan_limits (product, plan, metric, "limit") VALUES
  ('miyabi', 'free', 'agent-runs', 50), ('miyabi', 'pro', 'agent-runs', 1000),
  ('miyabi', 'enterprise', 'agent-runs', NULL), ('miyabi', 'addon', 'agent-runs', 1000);

-- Null on executions created before runs were metered.
ALTER TABLE miyabi.agent_executions
  ADD COLUMN plugin_id text REFERENCES miyabi.plugins (id),
  ADD COLUMN usage_ledger_id uuid;

-- Down Migration
ALTER TABLE miyabi.agent_executions DROP COLUMN usage_ledger_id, DROP COLUMN plugin_id;
DELETE FROM platform.plan_limits WHERE product = 'miyabi' AND metric = 'agent-runs';
DELETE FROM platform.metrics WHERE product = 'miyabi' AND metric = 'agent-runs';
