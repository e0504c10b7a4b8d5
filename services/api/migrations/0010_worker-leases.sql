-- Up Migration
-- Worker leases (src/kernel/jobs/leases.ts): each job runner's lease,
-- under the id of the graphile-worker pool that locks its jobs
-- (graphile_worker.jobs.locked_by), renewed by its heartbeat. A runner whose
-- lease has expired is presumed dead, and the jobs it held are unlocked for
-- others. Each runner states its own lease, so runners configured
-- differently judge one another by the right clock. Only the job runners
-- touch the table, as its owner; the service's role has no access.
CREATE TABLE platform.job_workers (
  id text PRIMARY KEY,
  started_at timestamptz NOT NULL DEFAULT now(),
  heartbeat_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

-- Down Migration
DROP TABLE platform.job_workers;
