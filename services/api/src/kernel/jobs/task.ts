/**
 * Turns a JobHandler into a graphile-worker task. One run:
 *
 * 1. claims the platform.jobs row for a new attempt (a canceled job stops here);
 * 2. runs the handler with a JobContext, watching the row so that a cancel
 *    aborts `signal`;
 * 3. records the outcome, fenced by the attempt: succeeded; or, on a throw,
 *    back to queued and rethrown for graphile-worker to retry with backoff,
 *    or failed with the quota refunded when no retry is left; or, when the
 *    worker shuts down before the handler is done, released: back to queued
 *    and scheduled anew for another worker, without spending an attempt.
 */
import type { JobHelpers, Task } from 'graphile-worker';
import type { DatabasePool, DatabaseTransactionConnection } from 'slonik';
import { withAccount } from '../tenancy.ts';
import type { JobWatch } from './event-hub.ts';
import { isRetryable, type JobContext, type JobHandler, jobError } from './handler.ts';
import { claimJob, findJob, requeueJob, setJobProgress, succeedJob } from './queries.ts';
import { failAndRefund } from './settle.ts';
import type { JobLog } from './worker-logger.ts';

export interface TaskDependencies {
  pool: DatabasePool;
  watch(jobId: string): JobWatch;
  log: JobLog;
}

/** How often a running job's row is read again when no notification came, to notice a cancel. */
const OWNERSHIP_CHECK_MS = 5_000;

/** graphile-worker's payload: which job, and the account to bind (schedule_job_run in migrations/0003). */
export interface RunPayload {
  jobId: string;
  accountId: string;
}

function runPayload(payload: unknown): RunPayload {
  const { jobId, accountId } = (payload ?? {}) as Partial<RunPayload>;
  if (typeof jobId !== 'string' || typeof accountId !== 'string') {
    throw new Error('A job run needs a payload { jobId, accountId }.');
  }
  return { jobId, accountId };
}

type Outcome =
  | { kind: 'returned'; result: Record<string, unknown> }
  | { kind: 'threw'; error: unknown }
  | { kind: 'released' };

/** Resolves when graphile-worker gives up waiting for running jobs at shutdown. */
function whenReleased(shutdown: AbortSignal): Promise<Outcome> {
  return new Promise((resolve) => {
    if (shutdown.aborted) resolve({ kind: 'released' });
    else shutdown.addEventListener('abort', () => resolve({ kind: 'released' }), { once: true });
  });
}

/** Aborts `run` once the row says this attempt no longer owns the job (canceled). */
async function followOwnership(
  watch: JobWatch,
  owned: () => Promise<boolean>,
  run: AbortController,
  log: JobLog,
) {
  while (!run.signal.aborted) {
    if ((await watch.next(OWNERSHIP_CHECK_MS, run.signal)) === 'closed') return;
    try {
      if (!(await owned())) run.abort(new Error('The job was canceled.'));
    } catch (error) {
      log.warn({ err: error }, 'could not check whether a running job was canceled');
    }
  }
}

export function jobTask(type: string, handler: JobHandler, deps: TaskDependencies): Task {
  return async (rawPayload: unknown, helpers: JobHelpers) => {
    const { jobId, accountId } = runPayload(rawPayload);
    const { log } = deps;
    const inAccount = <T>(fn: (db: DatabaseTransactionConnection) => Promise<T>) =>
      withAccount(deps.pool, accountId, fn);

    const claimed = await inAccount((db) => claimJob(db, accountId, jobId));
    if (!claimed) return;
    const { attempt } = claimed;
    const fence = { accountId, id: jobId, attempt };
    const run = new AbortController();
    const watch = deps.watch(jobId);
    const following = followOwnership(
      watch,
      async () => {
        const job = await inAccount((db) => findJob(db, accountId, jobId));
        return job?.status === 'running' && job.attempt === attempt;
      },
      run,
      log,
    );

    const context: JobContext = {
      jobId,
      accountId,
      payload: claimed.payload,
      attempt,
      signal: run.signal,
      withAccount: inAccount,
      reportProgress: async (progress) => {
        if (!Number.isInteger(progress) || progress < 0 || progress > 100) {
          throw new RangeError(`Progress is an integer from 0 to 100, not ${progress}.`);
        }
        await inAccount((db) => setJobProgress(db, accountId, jobId, attempt, progress));
      },
    };

    try {
      const outcome = await Promise.race([
        handler(context).then(
          (result): Outcome => ({ kind: 'returned', result: result ?? {} }),
          (error): Outcome => ({ kind: 'threw', error }),
        ),
        whenReleased(helpers.abortSignal),
      ]);
      if (outcome.kind === 'returned') {
        // Null: canceled meanwhile, so the result is discarded.
        await inAccount((db) => succeedJob(db, accountId, jobId, attempt, outcome.result));
        return;
      }
      if (outcome.kind === 'released') {
        run.abort(new Error('The worker is shutting down; another one takes the job over.'));
        const requeued = await inAccount((db) => requeueJob(db, accountId, jobId, attempt));
        // A fresh graphile-worker job with the attempts this one had left, this one included.
        const attemptsLeft = helpers.job.max_attempts - helpers.job.attempts + 1;
        if (requeued) await helpers.addJob(type, { jobId, accountId }, { maxAttempts: attemptsLeft });
        return;
      }
      // Canceled: the cancel settled the job (and refunded it) already.
      if (run.signal.aborted) return;
      const { error } = outcome;
      const lastAttempt = !isRetryable(error) || helpers.job.attempts >= helpers.job.max_attempts;
      if (lastAttempt) {
        log.error({ err: error, jobId, type, attempt }, 'job failed');
        await inAccount((db) => failAndRefund(db, fence, jobError(error)));
        return;
      }
      log.warn({ err: error, jobId, type, attempt }, 'job attempt failed; it will be retried');
      await inAccount((db) => requeueJob(db, accountId, jobId, attempt));
      throw error;
    } finally {
      run.abort();
      watch.close();
      await following;
    }
  };
}
