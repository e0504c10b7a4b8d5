import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  APIError,
  ConnectionError,
  QuotaExceededError,
  RateLimitError,
  type RetryInfo,
  TimeoutError,
} from '../src/index';
import { apiKey, client, hang, json, mockFetch, problem } from './helpers';

/** Runs a call to completion under fake timers. */
async function settle<T>(call: PromiseLike<T>): Promise<{ value?: T; error?: unknown }> {
  const out = Promise.resolve(call).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.runAllTimersAsync();
  return out;
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('retries', () => {
  it.each([
    [408, 'request_timeout'],
    [429, 'rate_limited'],
    [500, 'internal'],
    [502, 'bad_gateway'],
    [503, 'unavailable'],
    [504, 'gateway_timeout'],
  ])('retries %i up to maxRetries with exponential backoff', async (status, code) => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const retries: RetryInfo[] = [];
    const { fetch, calls } = mockFetch(problem(status, code));
    const { error } = await settle(client(fetch, { onRetry: (info) => retries.push(info) }).me.get());
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(status);
    expect((error as APIError).attempts).toBe(3);
    expect(calls).toHaveLength(3);
    expect(retries.map((r) => [r.attempt, r.delayMs])).toEqual([
      [1, 500],
      [2, 1000],
    ]);
    expect(calls.map((c) => c.headers.get('x-retry-count'))).toEqual(['0', '1', '2']);
  });

  it('succeeds when a retry succeeds', async () => {
    const { fetch, calls } = mockFetch(problem(503, 'unavailable'), json({ ok: true }));
    const { value } = await settle(client(fetch).me.get());
    expect(value).toEqual({ ok: true });
    expect(calls).toHaveLength(2);
  });

  it('caps the backoff at 8 s and jitters it down by at most 25 %', async () => {
    const delays: number[] = [];
    const { fetch } = mockFetch(problem(500, 'internal'));
    await settle(client(fetch, { maxRetries: 6, onRetry: (i) => delays.push(i.delayMs) }).me.get());
    const bases = [500, 1000, 2000, 4000, 8000, 8000];
    expect(delays).toHaveLength(6);
    delays.forEach((delay, i) => {
      expect(delay).toBeLessThanOrEqual(bases[i]!);
      expect(delay).toBeGreaterThanOrEqual(bases[i]! * 0.75);
    });
  });

  it.each([
    [400, 'validation_failed'],
    [401, 'unauthenticated'],
    [402, 'quota_exceeded'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [409, 'conflict'],
    [413, 'payload_too_large'],
    [422, 'idempotency_key_mismatch'],
  ])('never retries %i %s', async (status, code) => {
    const { fetch, calls } = mockFetch(problem(status, code));
    const { error } = await settle(client(fetch).me.get());
    expect((error as APIError).status).toBe(status);
    expect((error as APIError).retryable).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it('never retries quota_exceeded, even when sent as a 429', async () => {
    const { fetch, calls } = mockFetch(problem(429, 'quota_exceeded', {}, { 'retry-after': '1' }));
    const { error } = await settle(client(fetch).me.get());
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect(calls).toHaveLength(1);
  });

  it('retries network errors as ConnectionError', async () => {
    const { fetch, calls } = mockFetch(
      new TypeError('fetch failed'),
      new TypeError('fetch failed'),
      json({}),
    );
    const { value } = await settle(client(fetch).me.get());
    expect(value).toEqual({});
    expect(calls).toHaveLength(3);
    const again = mockFetch(new TypeError('fetch failed'));
    const { error } = await settle(client(again.fetch, { maxRetries: 1 }).me.get());
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).cause).toBeInstanceOf(TypeError);
    expect((error as ConnectionError).attempts).toBe(2);
  });

  it('respects maxRetries per request and per client', async () => {
    const one = mockFetch(problem(500, 'internal'));
    await settle(client(one.fetch, { maxRetries: 5 }).me.get(undefined, { maxRetries: 0 }));
    expect(one.calls).toHaveLength(1);
    const two = mockFetch(problem(500, 'internal'));
    await settle(client(two.fetch, { maxRetries: 1 }).me.get());
    expect(two.calls).toHaveLength(2);
  });
});

describe('server hints', () => {
  it('waits Retry-After seconds', async () => {
    const delays: number[] = [];
    const { fetch } = mockFetch(problem(429, 'rate_limited', {}, { 'retry-after': '7' }), json({}));
    await settle(client(fetch, { onRetry: (i) => delays.push(i.delayMs) }).me.get());
    expect(delays).toEqual([7000]);
  });

  it('waits until a Retry-After HTTP date', async () => {
    vi.setSystemTime(new Date('2026-11-23T09:00:00.000Z'));
    const delays: number[] = [];
    const { fetch, calls } = mockFetch(
      problem(503, 'unavailable', {}, { 'retry-after': 'Mon, 23 Nov 2026 09:00:05 GMT' }),
      json({}),
    );
    const started = Date.now();
    await settle(client(fetch, { onRetry: (i) => delays.push(i.delayMs) }).me.get());
    expect(delays).toEqual([5000]);
    expect(calls).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(5000);
  });

  it('falls back to RateLimit-Reset on a 429 without Retry-After', async () => {
    const delays: number[] = [];
    const headers = { 'ratelimit-limit': '100', 'ratelimit-remaining': '0', 'ratelimit-reset': '3' };
    const { fetch } = mockFetch(problem(429, 'rate_limited', {}, headers), json({}));
    await settle(client(fetch, { onRetry: (i) => delays.push(i.delayMs) }).me.get());
    expect(delays).toEqual([3000]);
  });

  it('throws RateLimitError at once when the hint is beyond the deadline', async () => {
    const headers = {
      'retry-after': '300',
      'ratelimit-limit': '100',
      'ratelimit-remaining': '0',
      'ratelimit-reset': '300',
    };
    const { fetch, calls } = mockFetch(problem(429, 'rate_limited', {}, headers));
    const started = Date.now();
    const { error } = await settle(client(fetch, { deadline: 60_000 }).me.get());
    expect(error).toBeInstanceOf(RateLimitError);
    const limited = error as RateLimitError;
    expect(limited.retryAfterMs).toBe(300_000);
    expect(limited.limit).toBe(100);
    expect(limited.remaining).toBe(0);
    expect(limited.resetAt?.getTime()).toBe(started + 300_000);
    expect(limited.attempts).toBe(1);
    expect(calls).toHaveLength(1);
    expect(Date.now()).toBe(started);
  });
});

describe('timeouts and deadlines', () => {
  it('times out each attempt and retries', async () => {
    const { fetch, calls } = mockFetch(hang, hang, json({ ok: true }));
    const { value } = await settle(client(fetch, { timeout: 1000 }).me.get());
    expect(value).toEqual({ ok: true });
    expect(calls).toHaveLength(3);
  });

  it('throws TimeoutError when every attempt times out', async () => {
    const { fetch, calls } = mockFetch(hang);
    const { error } = await settle(client(fetch, { timeout: 1000 }).me.get());
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as TimeoutError).message).toContain('Timed out after 1000 ms');
    expect(calls).toHaveLength(3);
  });

  it('stops at the deadline across attempts', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const { fetch, calls } = mockFetch(hang);
    const started = Date.now();
    const { error } = await settle(client(fetch, { timeout: 1000, deadline: 2000, maxRetries: 10 }).me.get());
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toContain('Deadline of 2000 ms exceeded');
    // 1000 ms attempt, 500 ms sleep, then an attempt cut to the 500 ms left.
    expect(calls).toHaveLength(2);
    expect(Date.now() - started).toBe(2000);
  });

  it('a per-request timeout and deadline override the client', async () => {
    const { fetch, calls } = mockFetch(hang);
    const started = Date.now();
    const { error } = await settle(client(fetch).me.get(undefined, { timeout: 100, deadline: 100 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(calls).toHaveLength(1);
    expect(Date.now() - started).toBe(100);
  });
});

describe('abort', () => {
  it('aborts during a retry sleep with the signal reason as cause', async () => {
    const { fetch, calls } = mockFetch(problem(503, 'unavailable', {}, { 'retry-after': '10' }));
    const controller = new AbortController();
    const reason = new Error('user navigated away');
    const call = Promise.resolve(client(fetch).me.get(undefined, { signal: controller.signal })).catch(
      (e) => e,
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(1);
    controller.abort(reason);
    const error = await call;
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).cause).toBe(reason);
    expect(calls).toHaveLength(1);
  });

  it('aborts an attempt in flight', async () => {
    const { fetch } = mockFetch(hang);
    const controller = new AbortController();
    const call = Promise.resolve(client(fetch).me.get(undefined, { signal: controller.signal })).catch(
      (e) => e,
    );
    await vi.advanceTimersByTimeAsync(10);
    controller.abort('stop');
    const error = await call;
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).cause).toBe('stop');
  });

  it('does not send when the signal is already aborted', async () => {
    const { fetch, calls } = mockFetch(json({}));
    const { error } = await settle(client(fetch).me.get(undefined, { signal: AbortSignal.abort('early') }));
    expect(error).toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(0);
  });
});

describe('idempotency', () => {
  it('generates one Idempotency-Key per POST and reuses it across attempts', async () => {
    const created = { ...apiKey(1), secret: 'yz_new' };
    const { fetch, calls } = mockFetch(
      problem(500, 'internal'),
      problem(503, 'unavailable'),
      json(created, 201),
    );
    const { value } = await settle(client(fetch).apiKeys.create({ name: 'ci', scopes: ['me:read'] }));
    expect(value).toEqual(created);
    const keys = calls.map((c) => c.headers.get('idempotency-key'));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys)).toEqual(new Set([keys[0]]));
    expect(calls.map((c) => c.body)).toEqual(
      Array(3).fill(JSON.stringify({ name: 'ci', scopes: ['me:read'] })),
    );

    const next = mockFetch(json(created, 201));
    await settle(client(next.fetch).apiKeys.create({ name: 'ci', scopes: ['me:read'] }));
    expect(next.calls[0]!.headers.get('idempotency-key')).not.toBe(keys[0]);
  });

  it('uses the caller’s idempotencyKey', async () => {
    const { fetch, calls } = mockFetch(json({}, 201));
    await settle(
      client(fetch).apiKeys.create({ name: 'ci', scopes: ['me:read'] }, { idempotencyKey: 'my-key-123' }),
    );
    expect(calls[0]!.headers.get('idempotency-key')).toBe('my-key-123');
  });

  it('sends no Idempotency-Key on GET', async () => {
    const { fetch, calls } = mockFetch(problem(500, 'internal'), json(account()));
    await settle(client(fetch).me.get());
    expect(calls).toHaveLength(2);
    expect(calls.every((c) => !c.headers.has('idempotency-key'))).toBe(true);
  });

  it('retries PATCH only with an idempotency key', async () => {
    const bare = mockFetch(problem(503, 'unavailable'));
    const { error } = await settle(client(bare.fetch).me.update({ name: 'Ada' }));
    expect((error as APIError).status).toBe(503);
    expect(bare.calls).toHaveLength(1);
    expect(bare.calls[0]!.headers.has('idempotency-key')).toBe(false);

    const keyed = mockFetch(problem(503, 'unavailable'), json(account()));
    await settle(client(keyed.fetch).me.update({ name: 'Ada' }, { idempotencyKey: 'rename-1' }));
    expect(keyed.calls).toHaveLength(2);
    expect(keyed.calls.map((c) => c.headers.get('idempotency-key'))).toEqual(['rename-1', 'rename-1']);
  });

  it('retries DELETE freely', async () => {
    const { fetch, calls } = mockFetch(problem(502, 'bad_gateway'), new Response(null, { status: 204 }));
    const { value } = await settle(client(fetch).apiKeys.delete({ id: apiKey(1).id }));
    expect(value).toBeUndefined();
    expect(calls).toHaveLength(2);
    expect(calls[0]!.headers.has('idempotency-key')).toBe(false);
  });
});

function account() {
  return {
    id: apiKey(1).id,
    email: 'ada@example.com',
    name: 'Ada',
    role: 'member',
    createdAt: '2026-11-23T09:00:00.000Z',
  };
}
