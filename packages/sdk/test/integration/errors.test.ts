/** Typed errors from real problem+json answers: quota, conflicts, idempotency. */
import { describe, expect, it } from 'vitest';
import { ConflictError, IdempotencyError, QuotaExceededError, type Yorozu } from '../../src/index';
import { onePixelPng, recordingFetch, signUp } from './accounts';

async function character(client: Yorozu) {
  const file = await client.files.create({ body: onePixelPng() });
  const created = await client.studio.characters.create({
    name: 'Quota',
    baseImageFileId: file.id,
    artStyle: 'anime',
  });
  return { file, character: created };
}

describe('QuotaExceededError', () => {
  it('is thrown, never retried, when the studio credits run out, with the quota and its reset', async () => {
    const { fetch, exchanges } = recordingFetch();
    const { client } = await signUp('quota', { fetch });
    const { character: made } = await character(client);

    // The free plan's 5 credits; the quota headers count them down. No worker runs: accepting
    // a generation spends its credit.
    for (let spent = 1; spent <= 5; spent++) {
      const { data, quota } = await client.studio.generations
        .create({ id: made.id, expressions: ['happy'] })
        .withResponse();
      expect(data.job.status).toBe('queued');
      expect(quota?.remaining).toBe(5 - spent);
    }
    exchanges.length = 0;
    const refused = await client.studio.generations
      .create({ id: made.id, expressions: ['happy'] })
      .catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(QuotaExceededError);
    const quota = refused as QuotaExceededError;
    expect(quota).toMatchObject({
      status: 402,
      code: 'quota_exceeded',
      product: 'studio',
      metric: 'credits',
      limit: 5,
      used: 5,
      retryable: false,
      attempts: 1,
    });
    expect(quota.resetsAt).toBeInstanceOf(Date);
    expect(quota.resetsAt!.getTime()).toBeGreaterThan(Date.now());
    expect(exchanges).toEqual([`POST /v1/studio/characters/${made.id}/generations 402`]);

    // The ledger and the usage summary agree.
    const spends = await client.usage.ledger.list({ product: 'studio', limit: 2 }).toArray({ maxItems: 10 });
    expect(spends).toHaveLength(5);
    expect(spends.every((entry) => entry.kind === 'spend' && entry.metric === 'credits')).toBe(true);
    const { data } = await client.usage.list();
    expect(data.find((metric) => metric.product === 'studio')).toMatchObject({ used: 5, remaining: 0 });
  });
});

describe('ConflictError', () => {
  it('is thrown for deleting a file a character uses', async () => {
    const { client } = await signUp('conflict');
    const { file } = await character(client);
    const error = await client.files.delete({ id: file.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ status: 409, code: 'conflict', retryable: false });
    expect((error as ConflictError).detail).toMatch(/in use/);
  });
});

describe('idempotency', () => {
  it('replays a POST with the same key and refuses the key with another body', async () => {
    const { client } = await signUp('idempotency');
    const first = await client.apiKeys.create(
      { name: 'once', scopes: ['me:read'] },
      { idempotencyKey: 'k-1' },
    );
    const replay = await client.apiKeys.create(
      { name: 'once', scopes: ['me:read'] },
      { idempotencyKey: 'k-1' },
    );
    expect(replay.id).toBe(first.id);
    expect((await client.apiKeys.list()).data).toHaveLength(1);

    const mismatch = await client.apiKeys
      .create({ name: 'other', scopes: ['me:read'] }, { idempotencyKey: 'k-1' })
      .catch((e: unknown) => e);
    expect(mismatch).toBeInstanceOf(IdempotencyError);
    expect(mismatch).toMatchObject({ status: 422, code: 'idempotency_key_mismatch' });
  });
});
