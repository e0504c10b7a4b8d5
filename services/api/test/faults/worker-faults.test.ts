/**
 * services/worker as a real process, stopped and killed in the middle of a
 * Character Studio batch. The batch is held at its last step by a row lock
 * of the test's own (every expression drawn and stored, the batch not yet
 * completed): SIGTERM lets it finish within the grace period, or hands it
 * back when the grace runs out; SIGKILL leaves it to the lease, after which
 * another worker completes it. Either way the batch completes exactly once:
 * five differences, one credit spent, the ledger equal to the counter.
 */
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createCharacter, generate, uploadImage, waitForJob } from '../../src/modules/studio/testing.ts';
import { defaultJobHandlers, startTestWorker } from '../../src/testing/test-worker.ts';
import { type Account, signUp, testApp } from '../../test/harness.ts';
import {
  exitWithin,
  faultDatabase,
  lockingConnection,
  startWorkerProcess,
  waitForLockWaiters,
} from './processes.ts';

const LEASE_MS = 2000;
const databaseUrl = await faultDatabase();
const { app } = await testApp({}, { databaseUrl });
const superuser = await lockingConnection(databaseUrl);

/**
 * A batch of five whose worker will wait at the end: the test holds the character's row, which
 * completing a batch updates (its consistency score); drawing and storing the differences does not wait.
 */
async function batchHeldAtCompletion(locker: pg.Client) {
  const account = await signUp(app);
  const baseImageFileId = await uploadImage(app, account);
  const character = (await createCharacter(app, account, { baseImageFileId })).json();
  await locker.query('BEGIN');
  await locker.query('SELECT 1 FROM studio.characters WHERE id = $1 FOR NO KEY UPDATE', [character.id]);
  const accepted = await generate(app, account, character.id);
  expect(accepted.statusCode).toBe(202);
  return { account, characterId: character.id as string, jobId: accepted.json().job.id as string };
}

/** The batch's outcome as stored: its differences by expression, the job, and the credit books. */
async function books(account: Account, characterId: string, jobId: string) {
  const { rows } = await superuser.query(
    `SELECT
       ARRAY(SELECT expression::text FROM studio.differences WHERE character_id = $2 ORDER BY 1) AS differences,
       (SELECT json_build_object('status', status, 'completed', completed)
        FROM studio.generation_jobs WHERE character_id = $2) AS batch,
       (SELECT json_build_object('status', status, 'attempt', attempt) FROM platform.jobs WHERE id = $3) AS job,
       (SELECT coalesce(sum(used), 0)::int FROM platform.quota_counters
        WHERE account_id = $1 AND product = 'studio') AS counter,
       (SELECT coalesce(sum(amount), 0)::int FROM platform.usage_ledger
        WHERE account_id = $1 AND product = 'studio') AS ledger,
       (SELECT count(*)::int FROM studio.credit_transactions WHERE account_id = $1) AS "creditTransactions"`,
    [account.id, characterId, jobId],
  );
  return rows[0];
}

const COMPLETED_ONCE = {
  differences: ['angry', 'happy', 'neutral', 'sad', 'surprised'],
  batch: { status: 'completed', completed: 5 },
  counter: 1,
  ledger: 1,
  creditTransactions: 1,
};

/**
 * A worker process running a studio batch that is held, mid-job, behind a row lock the
 * returned `locker` keeps until the test rolls it back.
 */
async function workerHoldingBatch(env: Record<string, string>) {
  const locker = await lockingConnection(databaseUrl);
  const batch = await batchHeldAtCompletion(locker);
  const worker = await startWorkerProcess(databaseUrl, {
    WORKER_CONCURRENCY: '1',
    WORKER_LEASE_MS: String(LEASE_MS),
    ...env,
  });
  await waitForLockWaiters(locker);
  return { locker, worker, ...batch };
}

/** Another worker, started now, runs the job to success. */
async function completedByAnotherWorker(account: Parameters<typeof waitForJob>[1], jobId: string) {
  const next = await startTestWorker(databaseUrl, defaultJobHandlers(), { leaseMs: LEASE_MS });
  try {
    expect((await waitForJob(app, account, jobId)).status).toBe('succeeded');
  } finally {
    await next.stop();
  }
}

describe('worker faults', () => {
  it('SIGTERM: a running job finishes within the grace period, and the worker exits 0', {
    timeout: 60_000,
  }, async () => {
    const { locker, worker, account, characterId, jobId } = await workerHoldingBatch({
      SHUTDOWN_GRACE_MS: '15000',
    });

    worker.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await locker.query('ROLLBACK');

    expect(await exitWithin(worker, 15_000)).toBe(0);
    expect(await books(account, characterId, jobId)).toEqual({
      ...COMPLETED_ONCE,
      job: { status: 'succeeded', attempt: 1 },
    });
  });

  it('SIGTERM: a job still running when the grace period ends is handed back, and another worker completes it', {
    timeout: 60_000,
  }, async () => {
    const { locker, worker, account, characterId, jobId } = await workerHoldingBatch({
      SHUTDOWN_GRACE_MS: '500',
    });

    worker.child.kill('SIGTERM');
    expect(await exitWithin(worker, 10_000)).toBe(0);
    expect((await books(account, characterId, jobId)).job).toEqual({ status: 'queued', attempt: 1 });

    await locker.query('ROLLBACK');
    await completedByAnotherWorker(account, jobId);
    expect(await books(account, characterId, jobId)).toEqual({
      ...COMPLETED_ONCE,
      job: { status: 'succeeded', attempt: 2 },
    });
  });

  it('SIGKILL: the dead worker’s job runs again within the lease, and completes once', {
    timeout: 60_000,
  }, async () => {
    const { locker, worker, account, characterId, jobId } = await workerHoldingBatch({});

    worker.child.kill('SIGKILL');
    expect(await exitWithin(worker, 5000)).toBeNull();
    const killedAt = Date.now();
    await locker.query('ROLLBACK');
    await completedByAnotherWorker(account, jobId);
    // Within the lease and one beat of the last heartbeat, plus the run itself (wide: CI machines are busy).
    expect(Date.now() - killedAt).toBeLessThan(LEASE_MS * 1.35 + 10_000);
    expect(await books(account, characterId, jobId)).toEqual({
      ...COMPLETED_ONCE,
      job: { status: 'succeeded', attempt: 2 },
    });
  });
});
