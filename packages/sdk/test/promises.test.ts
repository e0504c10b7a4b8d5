/** Calls are real Promises with the response's request id, raw response and 304 as a result. */
import { describe, expect, it } from 'vitest';
import { APIPromise, NotModified } from '../src/index';
import { account, client, json, mockFetch } from './helpers';

describe('APIPromise', () => {
  it('is a real Promise: instanceof, Promise.all, and a () => Promise<T> helper', async () => {
    const { fetch } = mockFetch(json(account));
    const yorozu = client(fetch);
    const call = yorozu.me.get();
    expect(call).toBeInstanceOf(APIPromise);
    expect(call).toBeInstanceOf(Promise);
    const load: () => Promise<{ email: string }> = () => yorozu.me.get();
    const [a, b] = await Promise.all([call, load()]);
    expect(a.email).toBe(account.email);
    expect(b.email).toBe(account.email);
    await expect(call.then((me) => me.name)).resolves.toBe('Ada');
    expect(call.then(() => 1)).not.toBeInstanceOf(APIPromise);
  });

  it('then() keeps the Promise rules: a throwing callback rejects, and a non-function passes the value on', async () => {
    const { fetch } = mockFetch(json(account));
    const call = client(fetch).me.get();
    const boom = new Error('boom');
    let rejectedWith: unknown = 'not called';
    const derived = call.then(
      () => {
        throw boom;
      },
      (reason) => {
        rejectedWith = reason;
      },
    );
    await expect(derived).rejects.toBe(boom);
    expect(rejectedWith).toBe('not called');
    await expect(call.then(null)).resolves.toEqual(account);
    await expect(call.then(1 as never)).resolves.toEqual(account);
    await expect(call.finally(() => {})).resolves.toEqual(account);
  });

  it('puts the request id on results, out of JSON and spreads', async () => {
    const { fetch } = mockFetch(json(account, 200, { 'x-request-id': 'req_me' }));
    const me = await client(fetch).me.get();
    expect(me._requestId).toBe('req_me');
    expect(JSON.parse(JSON.stringify(me))).toEqual(account);
    expect({ ...me }).toEqual(account);
  });

  it('withResponse() gives the response, request id and quota (remaining null when unlimited)', async () => {
    const limited = mockFetch(
      json(account, 201, { 'yorozu-quota-remaining': '4', 'yorozu-quota-reset': '2026-12-01T00:00:00Z' }),
    );
    const a = await client(limited.fetch).me.get().withResponse();
    expect(a.requestId).toBe('req_ok');
    expect(a.response.status).toBe(201);
    expect(a.quota).toEqual({ remaining: 4, resetsAt: new Date('2026-12-01T00:00:00Z') });

    const unlimited = mockFetch(json(account, 201, { 'yorozu-quota-reset': '2026-12-01T00:00:00Z' }));
    const b = await client(unlimited.fetch).me.get().withResponse();
    expect(b.quota?.remaining).toBeNull();

    const none = mockFetch(json(account));
    expect((await client(none.fetch).me.get().withResponse()).quota).toBeUndefined();
  });

  it('asResponse() gives the raw Response with its body unread', async () => {
    const { fetch } = mockFetch(json(account));
    const response = await client(fetch).me.get().asResponse();
    expect(response).toBeInstanceOf(Response);
    expect(response.bodyUsed).toBe(false);
    expect(response.headers.get('x-request-id')).toBe('req_ok');
    expect(await response.json()).toEqual(account);
  });

  it('asResponse() gives a copy of its own each time: changing the bytes of one leaves the next intact', async () => {
    const { fetch } = mockFetch(json(account));
    const call = client(fetch).me.get();
    const first = new Uint8Array(await (await call.asResponse()).arrayBuffer());
    first.fill(0);
    expect(await (await call.asResponse()).json()).toEqual(account);
    expect((await call).email).toBe(account.email);
  });

  it('resolves a 304 with NotModified instead of throwing', async () => {
    const { fetch, calls } = mockFetch(
      new Response(null, { status: 304, headers: { etag: '"v1"', 'x-request-id': 'req_304' } }),
    );
    const result = await client(fetch).files.get(
      { id: '00000000-0000-4000-8000-000000000001' },
      { ifNoneMatch: '"v1"' },
    );
    expect(result).toBeInstanceOf(NotModified);
    expect(result).toMatchObject({ status: 304, etag: '"v1"', requestId: 'req_304' });
    expect(calls[0]!.headers.get('if-none-match')).toBe('"v1"');
    expect(calls).toHaveLength(1);
  });
});
