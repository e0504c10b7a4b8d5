import { describe, expect, it } from 'vitest';
import { ConnectionError, PagePromise } from '../src/index';
import { apiKey, type Call, client, json, mockFetch, problem } from './helpers';

/** Serves `total` keys, `limit` per page, with cursors "c<offset>". */
function keyServer(total: number, failAt?: { cursor: string; times: number }) {
  let failures = 0;
  return (call: Call) => {
    const url = new URL(call.url);
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const cursor = url.searchParams.get('cursor');
    if (failAt && cursor === failAt.cursor && failures < failAt.times) {
      failures++;
      return Promise.reject(new TypeError('fetch failed'));
    }
    const offset = cursor ? Number(cursor.slice(1)) : 0;
    const data = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) =>
      apiKey(offset + i),
    );
    const next = offset + limit < total ? `c${offset + limit}` : null;
    return json({ data, nextCursor: next });
  };
}

const names = (items: { name: string }[]) => items.map((k) => k.name);

describe('pagination', () => {
  it('await gives the first page with hasMore and the response', async () => {
    const { fetch, calls } = mockFetch(keyServer(5));
    const page = await client(fetch).apiKeys.list({ limit: 2 });
    expect(names(page.data)).toEqual(['key 0', 'key 1']);
    expect(page.nextCursor).toBe('c2');
    expect(page.hasMore).toBe(true);
    expect(page.response.status).toBe(200);
    expect(calls.map((c) => c.path)).toEqual(['/v1/api-keys?limit=2']);
  });

  it('for await walks every item of every page', async () => {
    const { fetch, calls } = mockFetch(keyServer(5));
    const seen: string[] = [];
    for await (const key of client(fetch).apiKeys.list({ limit: 2 })) seen.push(key.name);
    expect(seen).toEqual(['key 0', 'key 1', 'key 2', 'key 3', 'key 4']);
    expect(calls.map((c) => c.path)).toEqual([
      '/v1/api-keys?limit=2',
      '/v1/api-keys?limit=2&cursor=c2',
      '/v1/api-keys?limit=2&cursor=c4',
    ]);
  });

  it('.pages() iterates pages', async () => {
    const { fetch } = mockFetch(keyServer(5));
    const pages = [];
    for await (const page of client(fetch).apiKeys.list({ limit: 2 }).pages()) pages.push(page);
    expect(pages.map((p) => [p.data.length, p.nextCursor, p.hasMore])).toEqual([
      [2, 'c2', true],
      [2, 'c4', true],
      [1, null, false],
    ]);
  });

  it('reuses the first page: awaiting then iterating does not fetch it twice', async () => {
    const { fetch, calls } = mockFetch(keyServer(3));
    const list = client(fetch).apiKeys.list({ limit: 2 });
    await list;
    const all = [];
    for await (const key of list) all.push(key);
    expect(all).toHaveLength(3);
    expect(calls).toHaveLength(2);
  });

  it('toArray stops at maxItems without fetching further pages', async () => {
    const { fetch, calls } = mockFetch(keyServer(100));
    const keys = await client(fetch).apiKeys.list({ limit: 10 }).toArray({ maxItems: 15 });
    expect(keys).toHaveLength(15);
    expect(calls).toHaveLength(2);
    const all = await client(mockFetch(keyServer(7)).fetch)
      .apiKeys.list({ limit: 3 })
      .toArray({ maxItems: 1000 });
    expect(all).toHaveLength(7);
  });

  it('toArray requires a cap', async () => {
    const { fetch } = mockFetch(keyServer(3));
    const list = client(fetch).apiKeys.list();
    // @ts-expect-error maxItems is required
    await expect(list.toArray()).rejects.toThrow(/maxItems/);
    // @ts-expect-error maxItems is required
    await expect(list.toArray({})).rejects.toThrow(/maxItems/);
    await expect(list.toArray({ maxItems: 0 })).resolves.toEqual([]);
  });

  it('exposes .cursor so a failed walk can resume with startCursor', async () => {
    const server = keyServer(6, { cursor: 'c4', times: 10 });
    const { fetch } = mockFetch(server);
    const list = client(fetch, { maxRetries: 0 }).apiKeys.list({ limit: 2 });
    expect(list).toBeInstanceOf(PagePromise);
    expect(list.cursor).toBeNull();
    const processed: string[] = [];
    const cursors: (string | null)[] = [];
    const error = await (async () => {
      for await (const key of list) {
        processed.push(key.name);
        cursors.push(list.cursor);
      }
    })().catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(processed).toEqual(['key 0', 'key 1', 'key 2', 'key 3']);
    expect(cursors).toEqual([null, null, 'c2', 'c2']);
    // Every item of page c2 was processed before the failure: resume at the next page.
    expect(list.cursor).toBe('c4');

    const healthy = mockFetch(keyServer(6));
    const resumed = client(healthy.fetch).apiKeys.list({ limit: 2 }, { startCursor: list.cursor });
    const rest: string[] = [];
    for await (const key of resumed) rest.push(key.name);
    expect(rest).toEqual(['key 4', 'key 5']);
    expect(resumed.cursor).toBe(PagePromise.DONE);
    expect(healthy.calls[0]!.path).toBe('/v1/api-keys?limit=2&cursor=c4');
  });

  it('keeps a finished walk finished through JSON storage: resuming from DONE fetches nothing', async () => {
    const first = mockFetch(keyServer(3));
    const walk = client(first.fetch).apiKeys.list({ limit: 2 });
    const stored: string[] = [];
    for await (const key of walk) stored.push(JSON.stringify({ cursor: walk.cursor, key: key.name }));
    stored.push(JSON.stringify({ cursor: walk.cursor }));
    expect(stored.map((s) => JSON.parse(s).cursor)).toEqual([null, null, 'c2', PagePromise.DONE]);

    const again = mockFetch(keyServer(3));
    const { cursor } = JSON.parse(stored.at(-1)!) as { cursor: string | null };
    const resumed = client(again.fetch).apiKeys.list({ limit: 2 }, { startCursor: cursor });
    expect(await resumed.toArray({ maxItems: 10 })).toEqual([]);
    expect((await resumed).hasMore).toBe(false);
    expect(resumed.cursor).toBe(PagePromise.DONE);
    expect(again.calls).toHaveLength(0);

    // null (never started) walks from the beginning.
    const fresh = await client(again.fetch)
      .apiKeys.list({ limit: 2 }, { startCursor: null })
      .toArray({ maxItems: 10 });
    expect(names(fresh)).toEqual(['key 0', 'key 1', 'key 2']);
  });

  it('is lazy: nothing is fetched until the page promise is awaited or iterated', async () => {
    const { fetch, calls } = mockFetch(keyServer(4));
    const list = client(fetch).apiKeys.list({ limit: 2 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toHaveLength(0);
    expect((await list).data).toHaveLength(2);
    expect(calls).toHaveLength(1);
  });

  it('is a real Promise with withResponse() on the first page', async () => {
    const { fetch } = mockFetch(keyServer(4));
    const list = client(fetch).apiKeys.list({ limit: 2 });
    expect(list).toBeInstanceOf(Promise);
    const { data, response, requestId } = await list.withResponse();
    expect(data.data).toHaveLength(2);
    expect(response.status).toBe(200);
    expect(requestId).toBe('req_ok');
    expect(data._requestId).toBe('req_ok');
    expect(Object.keys(data)).not.toContain('_requestId');
  });

  it('resumes at the page being walked when the consumer fails mid-page', async () => {
    const { fetch } = mockFetch(keyServer(6));
    const list = client(fetch).apiKeys.list({ limit: 2 });
    await expect(
      (async () => {
        for await (const key of list) if (key.name === 'key 3') throw new Error('consumer crashed');
      })(),
    ).rejects.toThrow('consumer crashed');
    expect(list.cursor).toBe('c2');
    const again = await client(mockFetch(keyServer(6)).fetch)
      .apiKeys.list({ limit: 2 }, { startCursor: list.cursor })
      .toArray({ maxItems: 10 });
    expect(names(again)).toEqual(['key 2', 'key 3', 'key 4', 'key 5']);
  });

  it('accepts the spec’s cursor parameter as a start', async () => {
    const { fetch, calls } = mockFetch(keyServer(6));
    const page = await client(fetch).apiKeys.list({ limit: 2, cursor: 'c2' });
    expect(names(page.data)).toEqual(['key 2', 'key 3']);
    expect(calls[0]!.path).toBe('/v1/api-keys?limit=2&cursor=c2');
  });

  it('surfaces an invalid cursor as a ValidationError', async () => {
    const { fetch } = mockFetch(problem(400, 'invalid_cursor'));
    await expect(client(fetch).apiKeys.list({ cursor: 'bogus' })).rejects.toMatchObject({
      name: 'ValidationError',
      code: 'invalid_cursor',
    });
  });

  it('stops a server that repeats a cursor', async () => {
    const { fetch } = mockFetch(json({ data: [apiKey(1)], nextCursor: 'same' }));
    const list = client(fetch).apiKeys.list({ cursor: 'same' });
    await expect(list.toArray({ maxItems: 100 })).rejects.toThrow(/same cursor twice/);
  });
});
