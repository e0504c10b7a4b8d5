/** Cursor pagination over 45 API keys, 20 a page, against the real service. */
import { beforeAll, describe, expect, it } from 'vitest';
import { PagePromise, type Schemas, type Yorozu } from '../../src/index';
import { recordingFetch, signUp } from './accounts';

const TOTAL = 45;
let client: Yorozu;
let exchanges: string[];
/** Newest first, as the API lists them. */
let expected: string[];

beforeAll(async () => {
  const recording = recordingFetch();
  exchanges = recording.exchanges;
  ({ client } = await signUp('pages', { fetch: recording.fetch }));
  const created: Schemas['CreatedApiKey'][] = [];
  for (let i = 0; i < TOTAL; i++)
    created.push(await client.apiKeys.create({ name: `key ${i}`, scopes: ['me:read'] }));
  expected = created.map((key) => key.id).reverse();
  exchanges.length = 0;
});

const pagesFetched = () => exchanges.filter((exchange) => exchange.startsWith('GET /v1/api-keys')).length;

describe('45 API keys, limit 20', () => {
  it('await gives the first page', async () => {
    const page = await client.apiKeys.list({ limit: 20 });
    expect(page.data.map((key) => key.id)).toEqual(expected.slice(0, 20));
    expect(page.hasMore).toBe(true);
    expect(page.nextCursor).toEqual(expect.any(String));
    expect(page.response.status).toBe(200);
  });

  it('for await walks every key once, in order, in 3 requests', async () => {
    exchanges.length = 0;
    const ids: string[] = [];
    for await (const key of client.apiKeys.list({ limit: 20 })) ids.push(key.id);
    expect(ids).toEqual(expected);
    expect(pagesFetched()).toBe(3);
  });

  it('.pages() gives pages of 20, 20 and 5', async () => {
    const sizes: number[] = [];
    const more: boolean[] = [];
    for await (const page of client.apiKeys.list({ limit: 20 }).pages()) {
      sizes.push(page.data.length);
      more.push(page.hasMore);
    }
    expect(sizes).toEqual([20, 20, 5]);
    expect(more).toEqual([true, true, false]);
  });

  it('.toArray({ maxItems }) stops at the cap without fetching further pages', async () => {
    exchanges.length = 0;
    const some = await client.apiKeys.list({ limit: 20 }).toArray({ maxItems: 25 });
    expect(some.map((key) => key.id)).toEqual(expected.slice(0, 25));
    expect(pagesFetched()).toBe(2);
    await expect(client.apiKeys.list().toArray({} as { maxItems: number })).rejects.toThrow(/maxItems/);
  });

  it('resumes from a saved .cursor after a failure, skipping nothing', async () => {
    const walk = client.apiKeys.list({ limit: 20 });
    const seen: string[] = [];
    let saved: string | null | undefined;
    await expect(
      (async () => {
        for await (const key of walk) {
          seen.push(key.id);
          saved = walk.cursor;
          if (seen.length === 30) throw new Error('crash half-way through the second page');
        }
      })(),
    ).rejects.toThrow(/crash/);
    expect(saved).toEqual(expect.any(String));

    // A new process: the cursor names the second page, which is walked again from its start.
    const resumed = client.apiKeys.list({ limit: 20 }, { startCursor: saved });
    const rest: string[] = [];
    for await (const key of resumed) rest.push(key.id);
    expect(rest).toEqual(expected.slice(20));
    expect(new Set([...seen, ...rest])).toEqual(new Set(expected));

    // Finished: the stored cursor says so, and resuming from it fetches nothing.
    const stored = JSON.parse(JSON.stringify({ cursor: resumed.cursor })) as { cursor: string | null };
    expect(stored.cursor).toBe(PagePromise.DONE);
    const before = pagesFetched();
    expect(
      await client.apiKeys.list({ limit: 20 }, { startCursor: stored.cursor }).toArray({ maxItems: 100 }),
    ).toEqual([]);
    expect(pagesFetched()).toBe(before);
  });
});
