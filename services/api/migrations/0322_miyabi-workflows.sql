-- Up Migration
-- Miyabi's workflows and their runs (docs/products/miyabi.md, Workflows). A workflow is a public
-- row under the kernel's visibility rules (docs/architecture.md, Visibility and shared data):
-- readable by anyone when public, written only by its owner; a template must be public.

CREATE TABLE miyabi.workflows (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  repository_id uuid REFERENCES miyabi.repositories (id) ON DELETE SET NULL,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  description text CHECK (char_length(description) <= 2000),
  definition jsonb NOT NULL,
  is_template boolean NOT NULL DEFAULT false,
  visibility text NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'public')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT is_template OR visibility = 'public')
);
CREATE INDEX workflows_account_page_idx ON miyabi.workflows (account_id, created_at DESC, id DESC);
-- owner=anyone: public workflows newest first (templates among them).
CREATE INDEX workflows_public_page_idx ON miyabi.workflows (created_at DESC, id DESC) WHERE visibility = 'public';

-- A run keeps a copy of the definition it ran, so editing or deleting the workflow changes no run.
CREATE TABLE miyabi.workflow_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  workflow_id uuid REFERENCES miyabi.workflows (id) ON DELETE SET NULL,
  repository_id uuid REFERENCES miyabi.repositories (id) ON DELETE SET NULL,
  definition jsonb NOT NULL,
  -- The node ids in the dependency order the run was validated in.
  step_order text[] NOT NULL,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
  steps_done integer NOT NULL DEFAULT 0 CHECK (steps_done >= 0),
  error_message text CHECK (char_length(error_message) <= 2000),
  started_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  event_seq integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workflow_runs_account_page_idx ON miyabi.workflow_runs (account_id, created_at DESC, id DESC);

ALTER TABLE miyabi.agent_executions
  ADD CONSTRAINT agent_executions_run_fkey FOREIGN KEY (workflow_run_id) REFERENCES miyabi.workflow_runs (id) ON DELETE CASCADE;

CREATE TABLE miyabi.workflow_run_events (
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  run_id uuid NOT NULL REFERENCES miyabi.workflow_runs (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  event text NOT NULL CHECK (event IN ('step', 'final')),
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, seq)
);

CREATE FUNCTION miyabi.notify_workflow_run_event() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = miyabi, pg_temp
  AS $$
BEGIN
  PERFORM pg_notify('platform_job_events', NEW.run_id::text);
  RETURN NULL;
END $$;
CREATE TRIGGER workflow_run_events_notify AFTER INSERT ON miyabi.workflow_run_events
  FOR EACH ROW EXECUTE FUNCTION miyabi.notify_workflow_run_event();

ALTER TABLE miyabi.workflows ENABLE ROW LEVEL SECURITY;
ALTER TABLE miyabi.workflow_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE miyabi.workflow_run_events ENABLE ROW LEVEL SECURITY;

CREATE POLICY workflows_read ON miyabi.workflows FOR SELECT TO yorozu_app
  USING (account_id = platform.current_account_id() OR visibility = 'public');
CREATE POLICY workflows_insert ON miyabi.workflows FOR INSERT TO yorozu_app
  WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY workflows_update ON miyabi.workflows FOR UPDATE TO yorozu_app
  USING (account_id = platform.current_account_id()) WITH CHECK (account_id = platform.current_account_id());
CREATE POLICY workflows_delete ON miyabi.workflows FOR DELETE TO yorozu_app
  USING (account_id = platform.current_account_id());

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['workflow_runs', 'workflow_run_events'] LOOP
    EXECUTE format('CREATE POLICY %I ON miyabi.%I FOR SELECT TO yorozu_app USING (account_id = platform.current_account_id())', t || '_read', t);
    EXECUTE format('CREATE POLICY %I ON miyabi.%I FOR INSERT TO yorozu_app WITH CHECK (account_id = platform.current_account_id())', t || '_insert', t);
  END LOOP;
END $$;
CREATE POLICY workflow_runs_update ON miyabi.workflow_runs FOR UPDATE TO yorozu_app
  USING (account_id = platform.current_account_id()) WITH CHECK (account_id = platform.current_account_id());

GRANT SELECT, DELETE ON miyabi.workflows TO yorozu_app;
GRANT INSERT (account_id, repository_id, name, description, definition, is_template, visibility)
  ON miyabi.workflows TO yorozu_app;
GRANT UPDATE (repository_id, name, description, definition, is_template, visibility, updated_at)
  ON miyabi.workflows TO yorozu_app;
GRANT SELECT, INSERT ON miyabi.workflow_runs, miyabi.workflow_run_events TO yorozu_app;
GRANT UPDATE (status, steps_done, error_message, completed_at, event_seq, updated_at) ON miyabi.workflow_runs TO yorozu_app;

-- Down Migration
ALTER TABLE miyabi.agent_executions DROP CONSTRAINT agent_executions_run_fkey;
DROP TABLE miyabi.workflow_run_events;
DROP FUNCTION miyabi.notify_workflow_run_event();
DROP TABLE miyabi.workflow_runs;
DROP TABLE miyabi.workflows;
