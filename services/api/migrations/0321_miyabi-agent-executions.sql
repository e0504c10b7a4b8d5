-- Up Migration
-- Miyabi's agent executions (docs/products/miyabi.md, Agent executions): the seed's
-- `agent_executions`, owned by an account, with the input the agent reads, the kernel job that
-- runs it, and (for a workflow step) the run and node it belongs to; the seed's DynamoDB
-- `MiyabiAgentState` as a row per execution, deleted 7 days after the execution finished; and the
-- execution's live log, which its Server-Sent Events stream replays.

CREATE TABLE miyabi.agent_executions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  repository_id uuid REFERENCES miyabi.repositories (id) ON DELETE SET NULL,
  agent_type text NOT NULL
    CHECK (agent_type IN ('Coordinator', 'CodeGen', 'Review', 'Deployment', 'PR', 'Issue')),
  issue_number integer CHECK (issue_number > 0),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'completed', 'failed')),
  input jsonb NOT NULL,
  job_id uuid REFERENCES platform.jobs (id) ON DELETE SET NULL,
  workflow_run_id uuid,
  node_id text CHECK (char_length(node_id) <= 100),
  started_at timestamptz,
  completed_at timestamptz,
  error_message text CHECK (char_length(error_message) <= 2000),
  result jsonb,
  -- The last number of the execution's log (miyabi.agent_execution_events), taken under this row's lock.
  event_seq integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'completed') = (result IS NOT NULL)),
  CHECK (status NOT IN ('completed', 'failed') OR completed_at IS NOT NULL),
  UNIQUE (workflow_run_id, node_id)
);
-- GET /v1/miyabi/agent-executions: newest first, keyset; the seed's user/repository/status index.
CREATE INDEX agent_executions_account_page_idx ON miyabi.agent_executions (account_id, created_at DESC, id DESC);
CREATE INDEX agent_executions_account_repo_status_idx
  ON miyabi.agent_executions (account_id, repository_id, status);
CREATE INDEX agent_executions_run_idx ON miyabi.agent_executions (workflow_run_id) WHERE workflow_run_id IS NOT NULL;

-- The seed's MiyabiAgentState, one row per execution (the seed keeps a history by timestamp; the
-- log below is that history, the state row is the latest).
CREATE TABLE miyabi.agent_states (
  execution_id uuid PRIMARY KEY REFERENCES miyabi.agent_executions (id) ON DELETE CASCADE,
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  current_task text CHECK (char_length(current_task) <= 500),
  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  state_data jsonb NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- 7 days after the execution finished; NULL while it runs. A scheduled task deletes expired rows.
  expires_at timestamptz
);
CREATE INDEX agent_states_expiry_idx ON miyabi.agent_states (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE miyabi.agent_execution_events (
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  execution_id uuid NOT NULL REFERENCES miyabi.agent_executions (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  event text NOT NULL CHECK (event IN ('log', 'progress', 'final')),
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (execution_id, seq)
);

-- Wakes the execution's streams through the jobs' listener (kernel/jobs/event-hub.ts), by its id.
CREATE FUNCTION miyabi.notify_agent_execution_event() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = miyabi, pg_temp
  AS $$
BEGIN
  PERFORM pg_notify('platform_job_events', NEW.execution_id::text);
  RETURN NULL;
END $$;
CREATE TRIGGER agent_execution_events_notify AFTER INSERT ON miyabi.agent_execution_events
  FOR EACH ROW EXECUTE FUNCTION miyabi.notify_agent_execution_event();

ALTER TABLE miyabi.agent_executions ENABLE ROW LEVEL SECURITY;
ALTER TABLE miyabi.agent_states ENABLE ROW LEVEL SECURITY;
ALTER TABLE miyabi.agent_execution_events ENABLE ROW LEVEL SECURITY;
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['agent_executions', 'agent_states', 'agent_execution_events'] LOOP
    EXECUTE format('CREATE POLICY %I ON miyabi.%I FOR SELECT TO yorozu_app USING (account_id = platform.current_account_id())', t || '_read', t);
    EXECUTE format('CREATE POLICY %I ON miyabi.%I FOR INSERT TO yorozu_app WITH CHECK (account_id = platform.current_account_id())', t || '_insert', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['agent_executions', 'agent_states'] LOOP
    EXECUTE format('CREATE POLICY %I ON miyabi.%I FOR UPDATE TO yorozu_app USING (account_id = platform.current_account_id()) WITH CHECK (account_id = platform.current_account_id())', t || '_update', t);
  END LOOP;
END $$;
-- Expired states are deleted by the scheduled cleanup across every account, in batches that skip
-- rows another run holds; `p_now` is the caller's clock (a test moves it).
CREATE FUNCTION miyabi.delete_expired_agent_states(p_now timestamptz, p_batch integer) RETURNS integer
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = miyabi, pg_temp
  AS $$
    WITH doomed AS (
      SELECT execution_id FROM miyabi.agent_states
      WHERE expires_at < p_now ORDER BY expires_at LIMIT p_batch FOR UPDATE SKIP LOCKED
    ), gone AS (
      DELETE FROM miyabi.agent_states s USING doomed d WHERE s.execution_id = d.execution_id RETURNING 1
    )
    SELECT count(*)::integer FROM gone
  $$;
REVOKE ALL ON FUNCTION miyabi.delete_expired_agent_states(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION miyabi.delete_expired_agent_states(timestamptz, integer) TO yorozu_app;

GRANT SELECT, INSERT ON miyabi.agent_executions, miyabi.agent_execution_events TO yorozu_app;
GRANT UPDATE (status, job_id, started_at, completed_at, error_message, result, event_seq, updated_at)
  ON miyabi.agent_executions TO yorozu_app;
GRANT SELECT, INSERT ON miyabi.agent_states TO yorozu_app;
GRANT UPDATE (current_task, progress, state_data, updated_at, expires_at) ON miyabi.agent_states TO yorozu_app;

-- Down Migration
DROP FUNCTION miyabi.delete_expired_agent_states(timestamptz, integer);
DROP TABLE miyabi.agent_execution_events;
DROP FUNCTION miyabi.notify_agent_execution_event();
DROP TABLE miyabi.agent_states;
DROP TABLE miyabi.agent_executions;
