/**
 * Scale-out, as docs/architecture.md (Scaling and the sharding plan) describes it: two API
 * processes (`src/main.ts`, running no jobs) and two services/worker processes on one
 * PostgreSQL database, and one Redis when REDIS_URL is set.
 *
 * - a client spread over both API processes is rate-limited once (the counts live in Redis);
 * - jobs requested through both API processes spread over both workers and each runs once;
 * - a job's Server-Sent Events reach the client from an API process, which never ran it, while
 *   a worker process runs it;
 * - an API process killed (SIGKILL) in the middle of a request loses nothing another process
 *   can serve: the dead process's transaction rolls back, and the request retried on the other
 *   process with the same Idempotency-Key (what a load balancer or the SDK's retry does) takes
 *   effect exactly once.
 *
 * Without REDIS_URL the rate-limit case is skipped (each process would count alone, as
 * documented); the other cases need only PostgreSQL, the embedded server included.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretSticker } from '../../src/modules/stickers/testing.ts';
import { type Account, signUp, testApp } from '../harness.ts';
import { dataOf, parseSse } from '../sse.ts';
import {
  faultDatabase,
  lockingConnection,
  type ServiceProcess,
  startApiProcess,
  startWorkerProcess,
  waitForLockWaiters,
} from './processes.ts';

const redisUrl = process.env.REDIS_URL;
const RATE_LIMIT = 40;
const JOBS = 8;

/** One signing secret for every process (and the in-process app that signs the test's accounts up), as a deployment shares it. */
const JWT_SECRET = `scale-out-${randomUUID()}`;

const databaseUrl = await faultDatabase();
const { app } = await testApp({ JWT_SECRET }, { databaseUrl });
const superuser = await lockingConnection(databaseUrl);

let apis: (ServiceProcess & { baseUrl: string })[] = [];
let workers: ServiceProcess[] = [];

beforeAll(async () => {
  const env = {
    JWT_SECRET,
    RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
  };
  // Four Node processes starting at once on a busy 2-core machine: generous start-up time.
  const STARTUP_MS = 120_000;
  apis = await Promise.all([
    startApiProcess(databaseUrl, env, STARTUP_MS),
    startApiProcess(databaseUrl, env, STARTUP_MS),
  ]);
  workers = await Promise.all([
    startWorkerProcess(databaseUrl, { WORKER_CONCURRENCY: '1' }, STARTUP_MS),
    startWorkerProcess(databaseUrl, { WORKER_CONCURRENCY: '1' }, STARTUP_MS),
  ]);
}, 300_000);

afterAll(() => {
  for (const service of [...apis, ...workers]) service.child.kill('SIGKILL');
});

const call = (base: string, account: Account, path: string, init: RequestInit = {}) =>
  fetch(`${base}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${account.accessToken}`,
      'content-type': 'application/json',
      ...(init.headers as Record<string, string>),
    },
  });

/** A sticker of its own (a title never rendered before, so no cached image answers it). */
const sticker = (label: string) => ({ ...secretSticker, title: `${label} ${randomUUID().slice(0, 8)}` });

/** Reads a job's event stream until its `final` event; returns every event's data. */
async function followJob(base: string, account: Account, jobId: string) {
  const response = await call(base, account, `/v1/jobs/${jobId}/events`, {
    headers: { accept: 'text/event-stream' },
    signal: AbortSignal.timeout(30_000),
  });
  expect(response.status).toBe(200);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  while (!/event: final\n/.test(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  await reader.cancel();
  return parseSse(text);
}

/** How many `stickers.render` jobs each worker process reports completed (graphile-worker's info line). */
const completedBy = (worker: ServiceProcess) =>
  worker.output().match(/Completed task \d+ \(stickers\.render,/g)?.length ?? 0;

describe('two API processes and two workers on one database', () => {
  it.skipIf(!redisUrl)(
    'rate-limit counts are shared in Redis (skipped without REDIS_URL): a client spread over both processes is limited once',
    {
      timeout: 60_000,
    },
    async () => {
      const account = await signUp(app);
      const statuses: number[] = [];
      for (let i = 0; i < RATE_LIMIT + 4; i++) {
        const response = await call(apis[i % 2]!.baseUrl, account, '/v1/me');
        statuses.push(response.status);
        if (response.status === 429) expect((await response.json()).code).toBe('rate_limited');
        else await response.arrayBuffer();
      }
      // Alone, each process would allow RATE_LIMIT: 2 × RATE_LIMIT in all.
      expect(statuses.slice(0, RATE_LIMIT).every((s) => s === 200)).toBe(true);
      expect(statuses.slice(RATE_LIMIT)).toEqual([429, 429, 429, 429]);
    },
  );

  it('jobs spread over both workers and each runs once; their events stream from API processes that ran none', {
    timeout: 90_000,
  }, async () => {
    const account = await signUp(app);
    // Requested together, alternating API processes, so both workers find work waiting.
    const accepted = await Promise.all(
      Array.from({ length: JOBS }, async (_, i) => {
        const response = await call(apis[i % 2]!.baseUrl, account, '/v1/stickers/images', {
          method: 'POST',
          body: JSON.stringify(sticker(`job ${i}`)),
        });
        expect(response.status).toBe(202);
        return (await response.json()).job.id as string;
      }),
    );
    // Each job followed on the API process it was not requested through.
    const streams = await Promise.all(
      accepted.map((id, i) => followJob(apis[(i + 1) % 2]!.baseUrl, account, id)),
    );
    for (const events of streams) {
      const final = events.find((e) => e.event === 'final');
      expect(final, JSON.stringify(events)).toBeDefined();
      expect(dataOf([final!])[0]).toMatchObject({
        id: accepted[streams.indexOf(events)],
        status: 'succeeded',
      });
    }

    // A job's final event commits before graphile-worker logs the task done: wait for the lines.
    await expect.poll(() => workers.map(completedBy).reduce((a, b) => a + b), { timeout: 15_000 }).toBe(JOBS);
    const byWorker = workers.map(completedBy);
    expect(
      byWorker.every((n) => n > 0),
      `completed per worker: ${byWorker}`,
    ).toBe(true);
    // The API processes run no jobs (WORKER_CONCURRENCY=0): every event came from another process.
    for (const api of apis) expect(api.output()).not.toMatch(/Completed task/);

    const { rows } = await superuser.query(
      `SELECT
         (SELECT count(*)::int FROM platform.jobs WHERE account_id = $1 AND status = 'succeeded' AND attempt = 1) AS "succeededOnce",
         (SELECT count(*)::int FROM stickers.generated_images WHERE account_id = $1) AS images,
         (SELECT coalesce(sum(amount), 0)::int FROM platform.usage_ledger WHERE account_id = $1 AND product = 'stickers') AS ledger`,
      [account.id],
    );
    expect(rows[0]).toEqual({ succeededOnce: JOBS, images: JOBS, ledger: JOBS });
  });

  it('an API process killed mid-request loses nothing: the other serves the retry, exactly once', {
    timeout: 60_000,
  }, async () => {
    const account = await signUp(app);
    const first = await call(apis[1]!.baseUrl, account, '/v1/stickers/images', {
      method: 'POST',
      body: JSON.stringify(sticker('before')),
    });
    expect(first.status).toBe(202);
    await first.arrayBuffer();

    // Hold the account's quota counter: the next spend waits on it, its transaction open.
    const locker = await lockingConnection(databaseUrl);
    await locker.query('BEGIN');
    await locker.query(
      `SELECT 1 FROM platform.quota_counters WHERE account_id = $1 AND product = 'stickers' FOR UPDATE`,
      [account.id],
    );
    const key = randomUUID();
    const body = JSON.stringify(sticker('held'));
    const held = call(apis[0]!.baseUrl, account, '/v1/stickers/images', {
      method: 'POST',
      body,
      headers: { 'idempotency-key': key },
    }).then(
      (response) => response.status,
      (error: Error) => error,
    );
    await waitForLockWaiters(locker);
    apis[0]!.child.kill('SIGKILL');
    expect(await held).toBeInstanceOf(Error);
    await apis[0]!.exited;
    await locker.query('ROLLBACK');

    // The retry, as a load balancer (or the SDK, on a connection error) sends it: same key, other
    // process. Until PostgreSQL notices the killed process's connection and rolls its transaction
    // back, that transaction still holds the key: 409 `idempotency_in_progress`, which the SDK
    // retries after Retry-After (docs/architecture.md, Idempotency). A busy machine takes a moment.
    const retry = () =>
      call(apis[1]!.baseUrl, account, '/v1/stickers/images', {
        method: 'POST',
        body,
        headers: { 'idempotency-key': key },
      });
    let retried = await retry();
    for (let attempt = 0; retried.status === 409 && attempt < 40; attempt++) {
      expect((await retried.json()).code).toBe('idempotency_in_progress');
      await new Promise((resolve) => setTimeout(resolve, 250));
      retried = await retry();
    }
    expect(retried.status).toBe(202);
    const job = (await retried.json()).job.id as string;
    const events = await followJob(apis[1]!.baseUrl, account, job);
    expect(dataOf(events.filter((e) => e.event === 'final'))[0]).toMatchObject({ status: 'succeeded' });

    const { rows } = await superuser.query(
      `SELECT
         (SELECT count(*)::int FROM platform.jobs WHERE account_id = $1) AS jobs,
         (SELECT coalesce(sum(amount), 0)::int FROM platform.usage_ledger WHERE account_id = $1 AND product = 'stickers') AS ledger,
         (SELECT coalesce(sum(used), 0)::int FROM platform.quota_counters WHERE account_id = $1 AND product = 'stickers') AS counter`,
      [account.id],
    );
    expect(rows[0]).toEqual({ jobs: 2, ledger: 2, counter: 2 });
  });
});
