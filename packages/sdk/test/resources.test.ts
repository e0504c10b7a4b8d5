import { describe, expect, it } from 'vitest';
import { APIPromise, NotFoundError, UsageError, Yorozu, YorozuError } from '../src/index';
import { raw } from '../src/raw';
import { account, apiKey, client, json, mockFetch, noContent, problem } from './helpers';

describe('resource methods', () => {
  it('maps every operationId to client.<resource>.<verb>', () => {
    const yorozu = client(mockFetch(json({})).fetch);
    expect(Object.keys(yorozu.auth)).toEqual(
      expect.arrayContaining(['login', 'logout', 'refresh', 'signup']),
    );
    expect(Object.keys(yorozu.me)).toEqual(expect.arrayContaining(['get', 'update']));
    expect(Object.keys(yorozu.apiKeys).sort()).toEqual(['create', 'delete', 'list']);
    expect(Object.keys(yorozu.auditLog)).toEqual(['list']);
    expect(typeof yorozu.jobs.wait).toBe('function');
    // Operations other services call (x-internal: the Stripe webhook) have no method.
    expect('billing' in yorozu).toBe(false);
  });

  it('sends a JSON body built from the params', async () => {
    const { fetch, calls } = mockFetch(json({ ...apiKey(1), secret: 'yz_x' }, 201));
    const created = await client(fetch).apiKeys.create({
      name: 'deploys',
      scopes: ['me:read', 'api-keys:read'],
    });
    expect(created.secret).toBe('yz_x');
    expect(calls[0]).toMatchObject({ method: 'POST', url: 'https://api.test/v1/api-keys' });
    expect(calls[0]!.headers.get('content-type')).toBe('application/json');
    expect(calls[0]!.headers.get('accept')).toBe('application/json');
    expect(JSON.parse(calls[0]!.body!)).toEqual({ name: 'deploys', scopes: ['me:read', 'api-keys:read'] });
  });

  it('puts path parameters in the path, encoded', async () => {
    const { fetch, calls } = mockFetch(noContent());
    await expect(client(fetch).apiKeys.delete({ id: 'a/b c' })).resolves.toBeUndefined();
    expect(calls[0]).toMatchObject({ method: 'DELETE', path: '/v1/api-keys/a%2Fb%20c', body: undefined });
  });

  it('rejects a missing path parameter with a UsageError before sending', async () => {
    const { fetch, calls } = mockFetch(noContent());
    // @ts-expect-error id is required
    const call = client(fetch).apiKeys.delete({});
    await expect(call).rejects.toThrow(UsageError);
    await expect(call).rejects.toThrow(/missing path parameter "id"/);
    await expect(client(fetch).apiKeys.delete({ id: undefined as unknown as string })).rejects.toBeInstanceOf(
      YorozuError,
    );
    expect(calls).toHaveLength(0);
  });

  it('puts other params of a GET in the query', async () => {
    const { fetch, calls } = mockFetch(json({ data: [], nextCursor: null }));
    await client(fetch).auditLog.list({ limit: 5 });
    expect(calls[0]!.path).toBe('/v1/audit-log?limit=5');
  });

  it('sends per-request and client headers', async () => {
    const { fetch, calls } = mockFetch(json(account));
    await client(fetch, { headers: { 'x-app': 'demo' } }).me.get(undefined, { headers: { 'x-trace': 't1' } });
    expect(calls[0]!.headers.get('x-app')).toBe('demo');
    expect(calls[0]!.headers.get('x-trace')).toBe('t1');
  });

  it('withResponse() gives the raw Response, the request id and quota headers', async () => {
    const { fetch } = mockFetch(
      json(account, 200, {
        'x-request-id': 'req_abc',
        'yorozu-quota-remaining': '41',
        'yorozu-quota-reset': '2026-12-01T00:00:00.000Z',
      }),
    );
    const call = client(fetch).me.get();
    expect(call).toBeInstanceOf(APIPromise);
    const { data, response, requestId, quota } = await call.withResponse();
    expect(data).toEqual(account);
    expect(response.status).toBe(200);
    expect(response.url).toBe('');
    expect(requestId).toBe('req_abc');
    expect(quota).toEqual({ remaining: 41, resetsAt: new Date('2026-12-01T00:00:00.000Z') });
  });

  it('APIPromise supports then, catch and finally', async () => {
    const { fetch } = mockFetch(problem(404, 'not_found'));
    let finished = false;
    const error = await client(fetch)
      .me.get()
      .finally(() => {
        finished = true;
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(finished).toBe(true);
  });

  it('raw(client) is openapi-fetch with the same auth, retries and errors', async () => {
    const { fetch, calls } = mockFetch(
      problem(503, 'unavailable', {}, { 'retry-after': '0' }),
      json(account),
    );
    const yorozu = client(fetch);
    const { data, response } = await raw(yorozu).GET('/v1/me');
    expect(data).toEqual(account);
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.headers.get('authorization')).toMatch(/^Bearer yz_/);
    const missing = mockFetch(problem(404, 'not_found'));
    await expect(
      raw(client(missing.fetch)).DELETE('/v1/api-keys/{id}', { params: { path: { id: 'x' } } }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('raw(client) takes per-request options too, and refuses anything but a client', async () => {
    const { fetch, calls } = mockFetch(problem(500, 'internal'));
    await expect(raw(client(fetch)).GET('/v1/me', { maxRetries: 0 })).rejects.toMatchObject({ status: 500 });
    expect(calls).toHaveLength(1);
    expect(() => raw({} as Yorozu)).toThrow(UsageError);
    // The default entry no longer has the path-level client, nor exposes the transport it keeps.
    expect('raw' in client(fetch)).toBe(false);
    expect(Object.getOwnPropertySymbols(client(fetch)).length).toBe(1);
    expect(JSON.stringify(Object.keys(client(fetch)))).not.toContain('raw');
  });

  it('encodes path and query parameters as openapi-fetch does', async () => {
    const { fetch, calls } = mockFetch(
      json({ data: [], nextCursor: null }),
      json({ data: [], nextCursor: null }),
    );
    const yorozu = client(fetch);
    await yorozu.studio.generations.list({ id: 'a b/c', limit: 5 });
    await raw(yorozu).GET('/v1/studio/characters/{id}/generations', {
      params: { path: { id: 'a b/c' }, query: { limit: 5 } },
    });
    expect(calls[0]!.url).toBe('https://api.test/v1/studio/characters/a%20b%2Fc/generations?limit=5');
    expect(calls[1]!.url).toBe(calls[0]!.url);
  });

  it('reads YOROZU_API_KEY and YOROZU_BASE_URL when no option is given', async () => {
    process.env.YOROZU_API_KEY = 'yz_from_env';
    process.env.YOROZU_BASE_URL = 'https://env.test/';
    try {
      const { fetch, calls } = mockFetch(json(account));
      await new Yorozu({ fetch }).me.get();
      expect(calls[0]!.url).toBe('https://env.test/v1/me');
      expect(calls[0]!.headers.get('authorization')).toBe('Bearer yz_from_env');
    } finally {
      delete process.env.YOROZU_API_KEY;
      delete process.env.YOROZU_BASE_URL;
    }
  });

  it('defaults to the spec’s server URL', async () => {
    const { fetch, calls } = mockFetch(json(account));
    await new Yorozu({ fetch, apiKey: 'yz_x' }).me.get();
    expect(calls[0]!.url).toMatch(/^https?:\/\/[^/]+\/v1\/me$/);
  });

  it('runs nothing at import and on construction', () => {
    const { fetch, calls } = mockFetch(json({}));
    new Yorozu({ baseUrl: 'https://api.test', fetch, apiKey: 'yz_x' });
    client(fetch).apiKeys.list();
    expect(calls).toHaveLength(0);
  });

  it('gives a redirect operation a URL helper that fetches nothing', () => {
    const { fetch, calls } = mockFetch(noContent());
    const yorozu = client(fetch);
    expect('start' in yorozu.auth.oauth).toBe(false);
    expect(yorozu.auth.oauth.startUrl({ provider: 'github' })).toBe(
      'https://api.test/v1/auth/oauth/github/start',
    );
    const relative = new Yorozu({ baseUrl: '/api', anonymous: true });
    expect(relative.auth.oauth.startUrl({ provider: 'google' })).toBe('/api/v1/auth/oauth/google/start');
    // @ts-expect-error provider is required
    expect(() => yorozu.auth.oauth.startUrl()).toThrow(UsageError);
    expect(calls).toHaveLength(0);
  });
});
