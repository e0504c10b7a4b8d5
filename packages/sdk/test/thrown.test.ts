/** Everything the SDK throws or rejects with is a YorozuError, with a class per meaning. */
import { once } from 'node:events';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  AbortError,
  ConnectionError,
  IdempotencyError,
  InvalidResponseError,
  TimeoutError,
  TokenError,
  Yorozu,
  YorozuError,
} from '../src/index';
import { account, client, hang, json, mockFetch, problem } from './helpers';

const ok = (body: string, type = 'application/json') =>
  new Response(body, { status: 200, headers: { 'content-type': type, 'x-request-id': 'req_bad' } });

describe('responses the SDK cannot read', () => {
  it.each([
    ['truncated JSON', ok('{"id":"0b9f6a8e', 'application/json')],
    ['an HTML page from a proxy', ok('<!doctype html><h1>Bad gateway</h1>', 'text/html')],
    ['an empty body where the spec says JSON', ok('')],
    [
      'an empty body with content-length 0',
      new Response(null, { status: 200, headers: { 'content-length': '0' } }),
    ],
  ])('%s is an InvalidResponseError', async (_, reply) => {
    const { fetch } = mockFetch(reply);
    const error = await client(fetch)
      .me.get()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toBeInstanceOf(YorozuError);
    expect((error as InvalidResponseError).status).toBe(200);
  });

  it('an operation that answers no body still resolves undefined', async () => {
    const { fetch } = mockFetch(new Response(null, { status: 204 }));
    await expect(client(fetch).apiKeys.delete({ id: 'k1' })).resolves.toBeUndefined();
  });
});

describe('credentials that fail', () => {
  it.each([
    [
      'throws',
      (vault: Error) => () => {
        throw vault;
      },
    ],
    ['rejects with anything else', (vault: Error) => async () => Promise.reject(vault)],
  ])('a getToken that %s is a TokenError with the cause, and nothing is sent', async (_, getToken) => {
    const { fetch, calls } = mockFetch(json(account));
    const vault = new Error('vault sealed');
    const error = await new Yorozu({ baseUrl: 'https://api.test', fetch, getToken: getToken(vault) }).me
      .get()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenError);
    expect((error as TokenError).cause).toBe(vault);
    expect(calls).toHaveLength(0);
  });

  it('a getToken that rejects with a YorozuError passes it through', async () => {
    const { fetch } = mockFetch(json(account));
    const error = await new Yorozu({
      baseUrl: 'https://api.test',
      fetch,
      getToken: async () => Promise.reject(new AbortError('stop')),
    }).me
      .get()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
  });

  it('a getToken answering with a thenable that is not a native Promise is awaited', async () => {
    const { fetch, calls } = mockFetch(json(account));
    // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose, as another realm's Promise would be.
    const thenable = { then: (resolve: (token: string) => void) => resolve('from-thenable') };
    await new Yorozu({
      baseUrl: 'https://api.test',
      fetch,
      getToken: () => thenable as unknown as Promise<string>,
    }).me.get();
    expect(calls[0]!.headers.get('authorization')).toBe('Bearer from-thenable');
  });
});

describe('connections', () => {
  it('says what failed and where: ECONNREFUSED 127.0.0.1:<port>', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    server.close();
    await once(server, 'close');
    const error = await new Yorozu({ apiKey: 'yz_x', baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0 }).me
      .get()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).code).toBe('ECONNREFUSED');
    expect((error as Error).message).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
  });

  it('AbortSignal.timeout() is an AbortError with timedOut, not retried; the SDK timeout is a TimeoutError', async () => {
    const { fetch, calls } = mockFetch(hang);
    const yorozu = client(fetch);
    const mine = await yorozu.me.get(undefined, { signal: AbortSignal.timeout(30) }).catch((e: unknown) => e);
    expect(mine).toBeInstanceOf(AbortError);
    expect((mine as AbortError).timedOut).toBe(true);
    expect(calls).toHaveLength(1);

    const sdk = await yorozu.me.get(undefined, { timeout: 30, maxRetries: 0 }).catch((e: unknown) => e);
    expect(sdk).toBeInstanceOf(TimeoutError);

    const controller = new AbortController();
    const call = yorozu.me.get(undefined, { signal: controller.signal });
    controller.abort(new Error('user left'));
    const aborted = await call.catch((e: unknown) => e);
    expect((aborted as AbortError).timedOut).toBe(false);
  });
});

describe('idempotency_in_progress', () => {
  it('is retried on its Retry-After with the same key, so a slow first attempt does not surface a 409', async () => {
    const { fetch, calls } = mockFetch(
      problem(409, 'idempotency_in_progress', {}, { 'retry-after': '0' }),
      json({ id: 'k1', name: 'ci', secret: 'yz_new' }, 201),
    );
    const key = await client(fetch).apiKeys.create({ name: 'ci', scopes: ['me:read'] });
    expect(key.secret).toBe('yz_new');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.headers.get('idempotency-key')).toBe(calls[0]!.headers.get('idempotency-key'));
  });

  it('surfaces as an IdempotencyError once the retries run out', async () => {
    const { fetch } = mockFetch(problem(409, 'idempotency_in_progress', {}, { 'retry-after': '0' }));
    const error = await client(fetch, { maxRetries: 1 })
      .apiKeys.create({ name: 'ci', scopes: ['me:read'] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdempotencyError);
    expect((error as IdempotencyError).attempts).toBe(2);
  });
});
