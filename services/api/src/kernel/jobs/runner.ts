/**
 * The job runner: graphile-worker running the registered handlers. Used by
 * services/worker, by `npm start` in process, and by tests.
 *
 * Connections (docs/architecture.md, Library notes: graphile-worker needs a pool of its own):
 * - graphile-worker's pg pool, as the URL's own user (the owner of the
 *   `graphile_worker` schema);
 * - a Slonik pool as `yorozu_app`, through which handlers work (RLS, bound
 *   to the job's account);
 * - one LISTEN connection for cancels (JobEventHub).
 *
 * `stop()` is the graceful shutdown: no new jobs; running ones get
 * `shutdownGraceMs` to finish, then are released to another worker (see
 * task.ts) and the pools close. A runner that dies without stopping loses
 * its lease, and its jobs run elsewhere (leases.ts).
 */
import { EventEmitter } from 'node:events';
import { run, type WorkerEvents } from 'graphile-worker';
import pg from 'pg';
import { createDatabasePool } from '../../db/pool.ts';
import { JobEventHub } from './event-hub.ts';
import type { JobHandler } from './handler.ts';
import { startWorkerLease } from './leases.ts';
import { cronItems, type ScheduledTask, scheduledTaskRunner } from './schedule.ts';
import { jobTask } from './task.ts';
import { type JobLog, silentWorkerLogger, workerLogger } from './worker-logger.ts';

export interface JobRunnerOptions {
  databaseUrl: string;
  /** Job type → handler: src/jobs.ts's `createJobHandlers(engines)`, or a test's own. */
  handlers: Readonly<Record<string, JobHandler>>;
  /** Recurring tasks (src/jobs.ts's `scheduledTasks`), run on their crontab patterns. */
  schedules?: readonly ScheduledTask[];
  /** Jobs run at once (WORKER_CONCURRENCY, default 2). */
  concurrency?: number;
  /** Omitted: silent. */
  log?: JobLog;
  /** How long a shutdown waits for running jobs before releasing them (default 10 s). */
  shutdownGraceMs?: number;
  /** How often to look for jobs that are due (retries); new jobs arrive by LISTEN/NOTIFY at once. Default 1 s. */
  pollIntervalMs?: number;
  /** After how long without a heartbeat a runner's jobs go to other runners (WORKER_LEASE_MS, default 30 s). */
  leaseMs?: number;
}

export interface JobRunner {
  stop(): Promise<void>;
}

const silentLog: JobLog = { error() {}, warn() {}, info() {}, debug() {} };

export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const concurrency = options.concurrency ?? 2;
  const log = options.log ?? silentLog;
  const pool = await createDatabasePool({
    databaseUrl: options.databaseUrl,
    maximumPoolSize: concurrency + 1,
  });
  const hub = new JobEventHub(pool.configuration.connectionUri, (error) =>
    log.warn({ err: error }, 'job events listener lost its connection; reconnecting'),
  );
  const queuePool = new pg.Pool({ connectionString: options.databaseUrl, max: concurrency + 2 });
  // node-postgres kills the process on an idle client's error without a listener (docs/architecture.md, Library notes).
  const onQueueError = (error: Error) => log.warn({ err: error }, 'job queue connection failed');
  queuePool.on('error', onQueueError);
  // …and graphile-worker wants the same for checked-out clients.
  queuePool.on('connect', (client) => client.on('error', onQueueError));

  const dependencies = { pool, watch: (jobId: string) => hub.watch(jobId), log };
  const schedules = options.schedules ?? [];
  const taskList = Object.fromEntries([
    ...Object.entries(options.handlers).map(([type, handler]) => [
      type,
      jobTask(type, handler, dependencies),
    ]),
    ...schedules.map((task) => [task.identifier, scheduledTaskRunner(task, pool, log)]),
  ]);
  // graphile-worker names the pool that locks this runner's jobs before it takes any; the lease is held under that name.
  const events: WorkerEvents = new EventEmitter();
  let workerId: string | null = null;
  events.once('pool:create', ({ workerPool }) => {
    workerId = workerPool.id;
  });
  const runner = await run({
    events,
    pgPool: queuePool,
    taskList,
    concurrency,
    // The process's own shutdown (main.ts) stops the runner; graphile-worker must not kill the process.
    noHandleSignals: true,
    pollInterval: options.pollIntervalMs ?? 1000,
    gracefulShutdownAbortTimeout: options.shutdownGraceMs ?? 10_000,
    logger: options.log ? workerLogger(options.log) : silentWorkerLogger,
    parsedCronItems: cronItems(schedules),
  });

  if (!workerId) throw new Error('graphile-worker did not report its worker pool');
  const lease = startWorkerLease({ queuePool, workerId, leaseMs: options.leaseMs ?? 30_000, log });

  let stopped: Promise<void> | null = null;
  return {
    stop: () => {
      stopped ??= (async () => {
        await runner.stop();
        await lease.end();
        await hub.close();
        await pool.end();
        await queuePool.end();
      })();
      return stopped;
    },
  };
}
