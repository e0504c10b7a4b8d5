-- Up Migration
-- Jobs and files (docs/architecture.md, Jobs; Files and generated images).
--
-- A job is a platform.jobs row, which the API reads and the client follows,
-- plus a graphile-worker job that runs it (at least once, with retries and
-- exponential backoff). graphile-worker's own schema is created by its
-- migrator, right after these migrations (src/db/migrate.ts).

CREATE TABLE platform.jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  -- '<module>.<task>', also graphile-worker's task identifier.
  type text NOT NULL CHECK (type ~ '^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9-]*)+$'),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'canceled')),
  progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  payload jsonb NOT NULL,
  result jsonb,
  error jsonb,
  -- The quota the job reserved when it was enqueued: refunded once if it fails or is canceled.
  quota_ledger_entry_id uuid REFERENCES platform.usage_ledger (id),
  max_attempts smallint NOT NULL CHECK (max_attempts BETWEEN 1 AND 25),
  -- The worker attempt that owns the job: a stale attempt (a worker that was
  -- presumed dead, then woke up) cannot write over a newer one.
  attempt smallint NOT NULL DEFAULT 0,
  -- The sequence number of the job's latest event (platform.job_events).
  seq integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  finished_at timestamptz,
  CHECK ((status IN ('succeeded', 'failed', 'canceled')) = (finished_at IS NOT NULL))
);
CREATE INDEX jobs_account_page_idx ON platform.jobs (account_id, created_at DESC, id DESC);

-- One row per change of a job's status or progress, numbered per job: the
-- Server-Sent Events stream sends them in order, and `Last-Event-ID` resumes
-- after any of them.
CREATE TABLE platform.job_events (
  job_id uuid NOT NULL REFERENCES platform.jobs (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  account_id uuid NOT NULL,
  status text NOT NULL,
  progress smallint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (job_id, seq)
);

-- Wakes the event streams and workers listening (one connection per process)
-- when the event commits. The payload is only the job id: listeners read the
-- events themselves, through RLS.
CREATE FUNCTION platform.notify_job_event() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    PERFORM pg_notify('platform_job_events', NEW.job_id::text);
    RETURN NULL;
  END
  $$;
CREATE TRIGGER job_events_notify AFTER INSERT ON platform.job_events
  FOR EACH ROW EXECUTE FUNCTION platform.notify_job_event();

CREATE TABLE platform.files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES platform.accounts (id) ON DELETE CASCADE,
  content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp', 'image/svg+xml')),
  size integer NOT NULL CHECK (size > 0),
  etag text NOT NULL,
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX files_account_page_idx ON platform.files (account_id, created_at DESC, id DESC);
-- PNG, JPEG and WebP are compressed already: store them out of line without trying again.
ALTER TABLE platform.files ALTER COLUMN bytes SET STORAGE EXTERNAL;

ALTER TABLE platform.jobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY jobs_own ON platform.jobs USING (account_id = platform.current_account_id());
ALTER TABLE platform.job_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY job_events_own ON platform.job_events USING (account_id = platform.current_account_id());
ALTER TABLE platform.files ENABLE ROW LEVEL SECURITY;
CREATE POLICY files_own ON platform.files USING (account_id = platform.current_account_id());

GRANT SELECT, INSERT, UPDATE ON platform.jobs TO yorozu_app;
-- Events are history: appended, never changed.
GRANT SELECT, INSERT ON platform.job_events TO yorozu_app;
-- Files are immutable: stored, read, deleted.
GRANT SELECT, INSERT, DELETE ON platform.files TO yorozu_app;

-- The service's role cannot touch graphile-worker's schema. This function,
-- running as its owner, schedules a run of one job of the transaction's own
-- account, in the caller's transaction: a rolled-back request leaves neither
-- the row nor the run. plpgsql, so it may be created before graphile-worker's
-- migrator has created add_job.
CREATE FUNCTION platform.schedule_job_run(p_job_id uuid) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
  DECLARE
    v_job platform.jobs;
  BEGIN
    SELECT * INTO v_job FROM platform.jobs
    WHERE id = p_job_id AND account_id = platform.current_account_id();
    IF NOT FOUND THEN
      RAISE EXCEPTION 'No job % in the bound account', p_job_id USING ERRCODE = 'no_data_found';
    END IF;
    PERFORM graphile_worker.add_job(
      v_job.type,
      json_build_object('jobId', v_job.id, 'accountId', v_job.account_id),
      max_attempts => v_job.max_attempts::integer
    );
  END
  $$;
REVOKE ALL ON FUNCTION platform.schedule_job_run(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION platform.schedule_job_run(uuid) TO yorozu_app;

-- Down Migration
DROP FUNCTION platform.schedule_job_run(uuid);
DROP TABLE platform.files;
DROP TABLE platform.job_events;
DROP FUNCTION platform.notify_job_event();
DROP TABLE platform.jobs;
