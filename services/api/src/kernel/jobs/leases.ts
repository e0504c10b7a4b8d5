/**
 * Worker leases: the jobs of a worker that died without handing them back
 * (SIGKILL, out of memory, a lost machine) run again within a bounded time
 * (docs/architecture.md, Shutdown and job recovery).
 *
 * graphile-worker on its own unlocks such jobs only once their lock is
 * 4 hours old; its heartbeat-based crash recovery is part of the proprietary
 * Worker Pro. What the open-source version offers is `locked_by` on every
 * job (the id of the WorkerPool that took it) and
 * `graphile_worker.force_unlock_workers(worker_ids)`, which unlocks the jobs
 * and queues of the given pools. The lease builds on those two:
 *
 * - every runner records its pool id in platform.job_workers with a lease
 *   (`expires_at`, `leaseMs` ahead) that it renews every `leaseMs / 3`;
 * - on the same beat it sweeps: a pool whose lease has expired is presumed
 *   dead, and every job locked by a pool without a live lease is unlocked
 *   for any worker to take (a pool killed before it recorded its first
 *   lease is covered once its lock is older than the sweeper's own lease).
 *
 * A dead worker's jobs are unlocked at most one beat after its lease
 * expires, so they run again within about 1.35 × `leaseMs` of its death.
 * A worker that is alive but was silent longer than the lease (an event
 * loop blocked that long, a network split) loses its jobs to another
 * worker: the attempt fence in queries.ts discards whatever the old run
 * still writes to the job, and handlers are idempotent, so the lease must
 * only be longer than the longest stall expected, not the longest job.
 */
import type pg from 'pg';
import type { JobLog } from './worker-logger.ts';

export interface WorkerLease {
  /** Stops the heartbeat and gives up the lease (the caller has handed its jobs back already). */
  end(): Promise<void>;
}

const HEARTBEAT = `
  INSERT INTO platform.job_workers (id, expires_at)
  VALUES ($1, now() + make_interval(secs => $2::double precision / 1000))
  ON CONFLICT (id) DO UPDATE SET heartbeat_at = now(), expires_at = excluded.expires_at
`;

/** Unlocks the jobs of every pool without a live lease; returns those pools' ids. */
const SWEEP = `
  WITH expired AS (
    DELETE FROM platform.job_workers WHERE expires_at < now()
  ), orphaned AS (
    SELECT coalesce(array_agg(DISTINCT j.locked_by), '{}') AS ids
    FROM graphile_worker.jobs j
    WHERE j.locked_by IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM platform.job_workers w WHERE w.id = j.locked_by AND w.expires_at >= now())
      -- An expired lease (still visible here), or none yet for a lock older than a lease.
      AND (EXISTS (SELECT 1 FROM platform.job_workers w WHERE w.id = j.locked_by)
           OR j.locked_at < now() - make_interval(secs => $1::double precision / 1000))
  )
  SELECT ids, graphile_worker.force_unlock_workers(ids) FROM orphaned WHERE cardinality(ids) > 0
`;

export function startWorkerLease(options: {
  /** graphile-worker's pool (the URL's own user, owner of both schemas). */
  queuePool: pg.Pool;
  /** The WorkerPool id graphile-worker locks this runner's jobs with. */
  workerId: string;
  leaseMs: number;
  log: JobLog;
}): WorkerLease {
  const { queuePool, workerId, leaseMs, log } = options;
  const beat = async () => {
    try {
      await queuePool.query(HEARTBEAT, [workerId, leaseMs]);
      const swept = await queuePool.query<{ ids: string[] }>(SWEEP, [leaseMs]);
      const ids = swept.rows[0]?.ids ?? [];
      if (ids.length > 0) log.warn({ workers: ids }, 'released the jobs of workers whose lease expired');
    } catch (error) {
      // The database is away: the next beat tries again; other workers' leases on us run meanwhile.
      log.warn({ err: error }, 'worker heartbeat failed');
    }
  };
  let current = beat();
  const timer = setInterval(
    () => {
      current = current.then(beat);
    },
    Math.max(100, Math.floor(leaseMs / 3)),
  );
  timer.unref();
  return {
    end: async () => {
      clearInterval(timer);
      await current;
      await queuePool.query('DELETE FROM platform.job_workers WHERE id = $1', [workerId]).catch(() => {});
    },
  };
}
