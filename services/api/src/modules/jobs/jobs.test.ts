import { randomUUID } from 'node:crypto';
import { stickers, studio } from '@yorozu/contract';
import pg from 'pg';
import { type DatabaseTransactionConnection, sql } from 'slonik';
import { afterAll, describe, expect, it } from 'vitest';
import { as, expectProblem, ownDatabase, signUp, testApp } from '../../../test/harness.ts';
import { dataOf, parseSse } from '../../../test/sse.ts';
import { startTestWorker, waitForJob } from '../../../test/worker.ts';
import { enqueueJobRow } from '../../kernel/jobs/enqueue.ts';
import { JobFailure, type JobHandler, jobEventStream, type NewJob } from '../../kernel/jobs/index.ts';
import { spendQuota } from '../../kernel/metering/index.ts';
import { withAccount } from '../../kernel/tenancy.ts';

// Its own database: its worker runs `studio.generate` with test behaviours (see below).
const { app, pool, databaseUrl } = await testApp({}, { databaseUrl: await ownDatabase() });

/** Gates a handler awaits, opened by the test: keyed by the payload's `gate`. */
const gates = new Map<string, { promise: Promise<void>; resolve: () => void }>();
function gate(name: string) {
  let gate = gates.get(name);
  if (!gate) {
    let resolve = () => {};
    const promise = new Promise<void>((done) => {
      resolve = done;
    });
    gate = { promise, resolve };
    gates.set(name, gate);
  }
  return gate;
}
const attempts = new Map<string, number[]>();
const sawAbort = new Set<string>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The kernel runs every job type alike. These tests run theirs as the contract's job types, so
 * the API shows them as its `Job`: a `studio.generate` job here does what its payload's
 * `behaviour` names, and `stickers.render` jobs are left to the workers a test starts itself
 * (the shared worker has no handler for them, so they stay queued).
 */
const RUN = studio.STUDIO_GENERATE_JOB;
const OWN_WORKER = stickers.STICKERS_RENDER_JOB;

const behaviours: Record<string, JobHandler> = {
  progress: async (job) => {
    await gate(String(job.payload['gate'])).promise;
    for (const progress of [25, 50, 75]) await job.reportProgress(progress);
    const id = String(job.payload['value'] ?? randomUUID());
    return { batchId: id, characterId: id };
  },
  fails: async (job) => {
    attempts.set(job.jobId, [...(attempts.get(job.jobId) ?? []), job.attempt]);
    throw new Error('the renderer exploded (an internal detail)');
  },
  rejects: async (job) => {
    attempts.set(job.jobId, [...(attempts.get(job.jobId) ?? []), job.attempt]);
    throw new JobFailure('prompt_rejected', 'The prompt was refused.', { retry: false });
  },
  cancelable: async (job) => {
    await job.reportProgress(10);
    await new Promise((resolve) => job.signal.addEventListener('abort', resolve, { once: true }));
    sawAbort.add(job.jobId);
    // A late result must not overwrite the cancel.
    return { batchId: randomUUID(), characterId: randomUUID() };
  },
};
const worker = await startTestWorker(databaseUrl, {
  [RUN]: (job) => {
    const behaviour = behaviours[String(job.payload['behaviour'])];
    if (!behaviour) throw new Error(`no test behaviour ${String(job.payload['behaviour'])}`);
    return behaviour(job);
  },
});
afterAll(() => worker.stop());

type Options = Partial<Pick<NewJob, 'payload' | 'maxAttempts'>> & { charge?: boolean };

/**
 * Enqueues as a product module would, spending a studio credit in the same transaction when
 * `charge`: a `studio.generate` job doing `behaviour`, or with `unclaimed`, a job the shared worker leaves queued.
 */
function enqueue(accountId: string, behaviour: string, options: Options = {}) {
  return withAccount(pool, accountId, async (db) => {
    const spent = options.charge
      ? await spendQuota(db, {
          accountId,
          product: 'studio',
          metric: 'credits',
          amount: 1,
          reason: 'test job',
        })
      : null;
    const unclaimed = behaviour === 'unclaimed';
    return enqueueJobRow(db, {
      accountId,
      type: unclaimed ? OWN_WORKER : RUN,
      // A sticker job names the UTC day its quota was spent on, where its outcome is counted.
      payload: {
        ...options.payload,
        ...(unclaimed ? { day: new Date().toISOString().slice(0, 10) } : { behaviour }),
      },
      quotaLedgerEntryId: spent?.ledgerEntryId ?? null,
      ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    });
  });
}

/** The account's studio credits: spends and refunds in the ledger, and the counter. */
function credits(accountId: string) {
  return withAccount(pool, accountId, async (db: DatabaseTransactionConnection) => ({
    spends: await db.oneFirst(sql.unsafe`
      SELECT count(*) FROM platform.usage_ledger WHERE account_id = ${accountId} AND amount > 0`),
    refunds: await db.oneFirst(sql.unsafe`
      SELECT count(*) FROM platform.usage_ledger WHERE account_id = ${accountId} AND amount < 0`),
    used: await db.oneFirst(sql.unsafe`
      SELECT COALESCE(sum(used), 0) FROM platform.quota_counters WHERE account_id = ${accountId}`),
  }));
}

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(25);
  }
}

async function jobOf(token: string, id: string) {
  return (await as(app, token, { method: 'GET', url: `/v1/jobs/${id}` })).json();
}

describe('jobs', () => {
  it('runs a job queued → running → succeeded, streaming its progress in order, then closing', async () => {
    const account = await signUp(app);
    const value = randomUUID();
    const job = await enqueue(account.id, 'progress', { payload: { gate: randomUUID(), value } });
    expect(await jobOf(account.accessToken, job.id)).toMatchObject({
      id: job.id,
      type: RUN,
      status: 'queued',
      progress: 0,
      result: null,
      error: null,
      finishedAt: null,
    });

    const stream = as(app, account.accessToken, { method: 'GET', url: `/v1/jobs/${job.id}/events` });
    await waitUntil(async () => (await jobOf(account.accessToken, job.id)).status === 'running', 'it runs');
    await waitUntil(async () => app.jobEvents.size === 1, 'the stream follows the job');
    gate(String(job.payload['gate'])).resolve();

    const response = await stream;
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream');
    expect(response.headers['cache-control']).toBe('no-cache');
    const events = parseSse(response.body).filter((event) => event.data);
    expect(events.map((event) => event.id)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(events.map((event) => event.event)).toEqual([
      'progress',
      'progress',
      'progress',
      'progress',
      'progress',
      'final',
    ]);
    const snapshots = dataOf(events);
    expect(snapshots.map((s) => [s.status, s.progress])).toEqual([
      ['queued', 0],
      ['running', 0],
      ['running', 25],
      ['running', 50],
      ['running', 75],
      ['succeeded', 100],
    ]);
    expect(snapshots.at(-1)).toMatchObject({
      id: job.id,
      result: { batchId: value, characterId: value },
      error: null,
    });
    expect(snapshots.slice(0, -1).every((s) => s.result === null && s.finishedAt === null)).toBe(true);
    expect(app.jobEvents.size).toBe(0);

    const done = await waitForJob(app, account.accessToken, job.id);
    expect(done).toEqual(snapshots.at(-1));
    expect(done.finishedAt).not.toBeNull();
  });

  it('resumes a stream after Last-Event-ID, and ends a resumed stream with the final event', async () => {
    const account = await signUp(app);
    const job = await enqueue(account.id, 'progress', { payload: { gate: randomUUID() } });
    gate(String(job.payload['gate'])).resolve();
    await waitForJob(app, account.accessToken, job.id);
    const resume = (lastEventId: string) =>
      as(app, account.accessToken, {
        method: 'GET',
        url: `/v1/jobs/${job.id}/events`,
        headers: { 'last-event-id': lastEventId },
      });

    const after3 = parseSse((await resume('3')).body).filter((event) => event.data);
    expect(after3.map((event) => event.id)).toEqual(['4', '5', '6']);
    expect(after3.at(-1)?.event).toBe('final');
    for (const lastEventId of ['6', '99']) {
      const again = parseSse((await resume(lastEventId)).body).filter((event) => event.data);
      expect(again.map((event) => [event.id, event.event])).toEqual([['6', 'final']]);
    }
    const bad = await resume('abc');
    expect(expectProblem(bad, 400, 'validation_failed').errors[0].path).toBe('/header/last-event-id');
  });

  it('sends heartbeat comments while nothing happens, and stops reading when the client leaves', async () => {
    const account = await signUp(app);
    const job = await enqueue(account.id, 'progress', { payload: { gate: randomUUID() } });
    const left = new AbortController();
    const chunks: string[] = [];
    const stream = jobEventStream({
      pool,
      hub: app.jobEvents,
      accountId: account.id,
      jobId: job.id,
      afterSeq: 0,
      signal: left.signal,
      heartbeatMs: 30,
    });
    for await (const chunk of stream) {
      chunks.push(chunk);
      if (chunks.filter((c) => c === ': heartbeat\n\n').length === 2) left.abort();
    }
    expect(chunks[0]).toBe(': stream open\n\n');
    expect(chunks.some((chunk) => chunk.startsWith('id: 1\nevent: progress\n'))).toBe(true);
    expect(app.jobEvents.size).toBe(0);
    gate(String(job.payload['gate'])).resolve();
  });

  it('releases the stream when an HTTP client disconnects', async () => {
    const account = await signUp(app);
    const job = await enqueue(account.id, 'progress', { payload: { gate: randomUUID() } });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const leave = new AbortController();
    const response = await fetch(`${address}/v1/jobs/${job.id}/events`, {
      headers: { authorization: `Bearer ${account.accessToken}` },
      signal: leave.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    expect(app.jobEvents.size).toBe(1);
    leave.abort();
    await waitUntil(async () => app.jobEvents.size === 0, 'the stream is released');
    gate(String(job.payload['gate'])).resolve();
  });

  it('fails a job after its retries with {code, message}, refunding its quota once', async () => {
    const account = await signUp(app);
    const job = await enqueue(account.id, 'fails', { charge: true, maxAttempts: 2 });
    const failed = await waitForJob(app, account.accessToken, job.id);
    expect(failed).toMatchObject({
      status: 'failed',
      result: null,
      error: { code: 'internal', message: 'The job failed; the error has been logged.' },
    });
    expect(JSON.stringify(failed)).not.toContain('exploded');
    expect(attempts.get(job.id)).toEqual([1, 2]);
    expect(await credits(account.id)).toEqual({ spends: 1, refunds: 1, used: 0 });
  });

  it('fails at once, with the handler’s own code, when the failure says no retry would help', async () => {
    const account = await signUp(app);
    const job = await enqueue(account.id, 'rejects', { charge: true });
    const failed = await waitForJob(app, account.accessToken, job.id);
    expect(failed.error).toEqual({ code: 'prompt_rejected', message: 'The prompt was refused.' });
    expect(attempts.get(job.id)).toEqual([1]);
    expect(await credits(account.id)).toEqual({ spends: 1, refunds: 1, used: 0 });
  });

  it('cancels a running job: the handler is told, the result is discarded, the quota refunded once', async () => {
    const account = await signUp(app);
    const job = await enqueue(account.id, 'cancelable', { charge: true });
    await waitUntil(async () => (await jobOf(account.accessToken, job.id)).progress === 10, 'it runs');
    const cancel = () => as(app, account.accessToken, { method: 'POST', url: `/v1/jobs/${job.id}/cancel` });

    const [first, second] = await Promise.all([cancel(), cancel()]);
    for (const response of [first, second]) {
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ id: job.id, status: 'canceled', progress: 10, result: null });
    }
    await waitUntil(async () => sawAbort.has(job.id), 'the handler sees the abort');
    await sleep(200);
    expect(await jobOf(account.accessToken, job.id)).toMatchObject({ status: 'canceled', result: null });
    expect(await credits(account.id)).toEqual({ spends: 1, refunds: 1, used: 0 });

    const events = await as(app, account.accessToken, { method: 'GET', url: `/v1/jobs/${job.id}/events` });
    const final = parseSse(events.body)
      .filter((event) => event.data)
      .at(-1);
    expect(final?.event).toBe('final');
    expect(JSON.parse(final?.data as string).status).toBe('canceled');
  });

  it('cancels a queued job before it runs, and refuses to cancel a finished one', async () => {
    const account = await signUp(app);
    // No worker here runs this type: it stays queued.
    const job = await enqueue(account.id, 'unclaimed', { charge: true });
    const canceled = await as(app, account.accessToken, { method: 'POST', url: `/v1/jobs/${job.id}/cancel` });
    expect(canceled.json()).toMatchObject({ status: 'canceled', progress: 0 });
    expect(await credits(account.id)).toEqual({ spends: 1, refunds: 1, used: 0 });

    const done = await enqueue(account.id, 'progress', { payload: { gate: randomUUID() } });
    gate(String(done.payload['gate'])).resolve();
    await waitForJob(app, account.accessToken, done.id);
    const refused = await as(app, account.accessToken, { method: 'POST', url: `/v1/jobs/${done.id}/cancel` });
    expect(expectProblem(refused, 409, 'conflict').detail).toBe('The job has succeeded already.');
  });

  it('finishes a job whose worker stopped mid-run on a new worker, charging once', async () => {
    const account = await signUp(app);
    const runs: number[] = [];
    const restartable: JobHandler = async (job) => {
      runs.push(job.attempt);
      // The first run hangs, whatever its signal says: its worker stops before it finishes.
      if (job.attempt === 1) await new Promise(() => {});
      return { imageId: randomUUID(), fileId: randomUUID(), imageUrl: `attempt-${job.attempt}` };
    };
    const first = await startTestWorker(databaseUrl, { [OWN_WORKER]: restartable });
    const job = await enqueue(account.id, 'unclaimed', { charge: true });
    await waitUntil(async () => runs.length === 1, 'the first run starts');
    await first.stop();
    expect(await jobOf(account.accessToken, job.id)).toMatchObject({ status: 'queued' });

    const second = await startTestWorker(databaseUrl, { [OWN_WORKER]: restartable });
    try {
      const done = await waitForJob(app, account.accessToken, job.id);
      expect(done).toMatchObject({ status: 'succeeded', result: { imageUrl: 'attempt-2' } });
    } finally {
      await second.stop();
    }
    expect(runs).toEqual([1, 2]);
    expect(await credits(account.id)).toEqual({ spends: 1, refunds: 0, used: 1 });
  });

  it('enqueues in the caller’s transaction: a rollback leaves neither the job nor its run', async () => {
    const account = await signUp(app);
    let jobId = '';
    await expect(
      withAccount(pool, account.id, async (db) => {
        jobId = (await enqueueJobRow(db, { accountId: account.id, type: OWN_WORKER, payload: {} })).id;
        throw new Error('the request failed after enqueuing');
      }),
    ).rejects.toThrow('the request failed');
    expectProblem(
      await as(app, account.accessToken, { method: 'GET', url: `/v1/jobs/${jobId}` }),
      404,
      'not_found',
    );
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      const runs = await admin.query(
        `SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE payload->>'jobId' = $1`,
        [jobId],
      );
      expect(runs.rows[0].n).toBe(0);
    } finally {
      await admin.end();
    }
  });

  it('schedules runs only for jobs of the bound account', async () => {
    const owner = await signUp(app);
    const intruder = await signUp(app);
    const job = await enqueue(owner.id, 'unclaimed');
    await expect(
      withAccount(pool, intruder.id, (db) =>
        db.query(sql.unsafe`SELECT platform.schedule_job_run(${job.id})`),
      ),
    ).rejects.toThrow();
  });

  it("answers another account's job id exactly like a missing one", async () => {
    const owner = await signUp(app);
    const intruder = await signUp(app);
    const job = await enqueue(owner.id, 'unclaimed');
    const requests = [
      { method: 'GET' as const, path: '' },
      { method: 'POST' as const, path: '/cancel' },
      { method: 'GET' as const, path: '/events' },
    ];
    for (const { method, path } of requests) {
      const foreign = await as(app, intruder.accessToken, { method, url: `/v1/jobs/${job.id}${path}` });
      const missing = await as(app, intruder.accessToken, { method, url: `/v1/jobs/${randomUUID()}${path}` });
      const a = expectProblem(foreign, 404, 'not_found');
      const b = expectProblem(missing, 404, 'not_found');
      expect({ ...a, requestId: '' }).toEqual({ ...b, requestId: '' });
    }
    expect((await jobOf(owner.accessToken, job.id)).status).toBe('queued');
  });
});

describe('jobs.list', () => {
  const list = (token: string, query: string) => as(app, token, { method: 'GET', url: `/v1/jobs${query}` });
  const ids = (response: { json(): { data: { id: string }[] } }) => response.json().data.map((job) => job.id);

  it("lists the account's jobs newest first, filtered by status and type, a page at a time", async () => {
    const account = await signUp(app);
    const other = await signUp(app);
    await enqueue(other.id, 'unclaimed');
    const queued = [];
    for (let i = 0; i < 3; i++) queued.push((await enqueue(account.id, 'unclaimed')).id);
    const done = await enqueue(account.id, 'progress', { payload: { gate: randomUUID() } });
    gate(String(done.payload['gate'])).resolve();
    await waitForJob(app, account.accessToken, done.id);

    const all = await list(account.accessToken, '');
    expect(all.statusCode).toBe(200);
    expect(ids(all)).toEqual([done.id, ...[...queued].reverse()]);
    expect(all.json().nextCursor).toBeNull();

    const succeeded = await list(account.accessToken, '?status=succeeded');
    expect(succeeded.json().data).toMatchObject([{ id: done.id, type: RUN, status: 'succeeded' }]);
    expect(ids(await list(account.accessToken, `?status=queued&type=${OWN_WORKER}`))).toEqual(
      [...queued].reverse(),
    );
    expect(ids(await list(account.accessToken, `?status=succeeded&type=${OWN_WORKER}`))).toEqual([]);

    const first = await list(account.accessToken, `?type=${OWN_WORKER}&limit=2`);
    expect(ids(first)).toEqual([queued[2], queued[1]]);
    const cursor = first.json().nextCursor;
    const second = await list(account.accessToken, `?type=${OWN_WORKER}&limit=2&cursor=${cursor}`);
    expect(ids(second)).toEqual([queued[0]]);
    expect(second.json().nextCursor).toBeNull();

    // A cursor belongs to its filters: it cannot continue a differently filtered list.
    expectProblem(await list(account.accessToken, `?status=queued&cursor=${cursor}`), 400, 'invalid_cursor');
    expectProblem(await list(account.accessToken, '?status=done'), 400, 'validation_failed');
    expectProblem(await list(account.accessToken, '?type=test.anything'), 400, 'validation_failed');
  });
});
