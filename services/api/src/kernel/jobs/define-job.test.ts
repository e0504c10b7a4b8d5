/**
 * Jobs of the contract's types (`defineJob`): the payload is checked when the job is enqueued
 * and again when it runs, and the result before it is stored. A payload that fails the check
 * when run fails the job at once with a clear error and refunds it, rather than crashing the
 * handler or being retried.
 */
import { randomUUID } from 'node:crypto';
import { stickers, studio } from '@yorozu/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { type Account, as, ownDatabase, signUp, testApp } from '../../../test/harness.ts';
import { startTestWorker, waitForJob } from '../../../test/worker.ts';
import { normaliseRequest } from '../../modules/stickers/spec.ts';
import { secretSticker } from '../../modules/stickers/testing.ts';
import { createJobHandlers as studioJobHandlers } from '../../modules/studio/jobs.ts';
import { postgresFileStore } from '../files/index.ts';
import { spendQuota } from '../metering/index.ts';
import { withAccount } from '../tenancy.ts';
import { enqueueJobRow } from './enqueue.ts';
import { enqueueJob, jobHandler } from './index.ts';

// Its own queue: this file's worker runs a stickers handler of its own.
const { app, pool, databaseUrl } = await testApp({}, { databaseUrl: await ownDatabase() });
let drawn = 0;
const worker = await startTestWorker(databaseUrl, {
  ...studioJobHandlers({
    generator: {
      name: 'test/counting',
      render: async () => {
        drawn += 1;
        throw new Error('a job with an invalid payload must never reach the generator');
      },
    },
    files: postgresFileStore,
  }),
  // A handler with a bug: its result is not a StickersRenderResult.
  ...jobHandler(stickers.renderJob, async () => ({ imageId: 'not-a-uuid' }) as never),
});
afterAll(() => worker.stop());

const renderPayload = {
  spec: normaliseRequest(secretSticker as Parameters<typeof normaliseRequest>[0]),
  promptHash: 'a'.repeat(64),
  day: '2026-11-30',
  promptTokens: 12,
  cacheTtlDays: 7,
};

async function studioCreditsUsed(account: Account): Promise<number> {
  const usage = (await as(app, account.accessToken, { method: 'GET', url: '/v1/usage' })).json();
  return usage.data.find((metric: { product: string; metric: string }) => metric.product === 'studio').used;
}

describe('defineJob', () => {
  it('refuses to enqueue a payload its job type does not allow, writing nothing', async () => {
    const account = await signUp(app);
    await expect(
      withAccount(pool, account.id, (db) =>
        enqueueJob(db, stickers.renderJob, {
          accountId: account.id,
          // What the types refuse too: the check is for what they cannot see (a cast, parsed JSON).
          payload: {
            ...renderPayload,
            day: 'yesterday',
            spec: { ...renderPayload.spec, rarity: 'mythic' },
          } as never,
        }),
      ),
    ).rejects.toThrow(
      /^A stickers\.render job's payload is invalid: \/spec\/rarity .*; \/day must match format/,
    );
    const listed = await as(app, account.accessToken, { method: 'GET', url: '/v1/jobs' });
    expect(listed.json().data).toEqual([]);
  });

  it('fails a job whose stored payload does not match when it runs: once, refunded, with the path', async () => {
    const account = await signUp(app);
    // As a job enqueued by another release, or a row edited by hand: past the enqueue-time check.
    const job = await withAccount(pool, account.id, async (db) => {
      const spent = await spendQuota(db, {
        accountId: account.id,
        product: 'studio',
        metric: 'credits',
        amount: 1,
        reason: 'test job',
      });
      return enqueueJobRow(db, {
        accountId: account.id,
        type: studio.generateJob.type,
        payload: { batchId: 'not-a-uuid' },
        quotaLedgerEntryId: spent.ledgerEntryId,
      });
    });
    expect(await studioCreditsUsed(account)).toBe(1);
    const failed = await waitForJob(app, account.accessToken, job.id);
    expect(failed).toMatchObject({
      status: 'failed',
      result: null,
      error: {
        code: 'invalid_payload',
        message: 'The studio.generate job\'s payload is invalid: /batchId must match format "uuid".',
      },
    });
    expect(drawn).toBe(0);
    expect(await studioCreditsUsed(account)).toBe(0);
  });

  it('fails a job whose handler returns a result its type does not allow', async () => {
    const account = await signUp(app);
    const job = await withAccount(pool, account.id, (db) =>
      enqueueJob(db, stickers.renderJob, { accountId: account.id, payload: renderPayload }),
    );
    const failed = await waitForJob(app, account.accessToken, job.id);
    expect(failed.status).toBe('failed');
    expect(failed.result).toBeNull();
    expect(failed.error.code).toBe('invalid_result');
    expect(failed.error.message).toMatch(/^The stickers\.render job produced an invalid result: /);
    expect(failed.error.message).toContain('/imageId must match format "uuid"');
  });

  it('runs a valid payload with its handler', async () => {
    const account = await signUp(app);
    const batchId = randomUUID();
    // The batch row does not exist: the real handler reads it and fails as it says, not on the payload.
    const job = await withAccount(pool, account.id, (db) =>
      enqueueJob(db, studio.generateJob, { accountId: account.id, payload: { batchId } }),
    );
    const failed = await waitForJob(app, account.accessToken, job.id);
    expect(failed.error).toMatchObject({ code: 'character_deleted' });
  });
});
