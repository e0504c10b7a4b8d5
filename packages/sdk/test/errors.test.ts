import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import * as sdk from '../src/index';
import {
  APIError,
  AuthenticationError,
  ConflictError,
  IdempotencyError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  QuotaExceededError,
  RateLimitError,
  ServiceUnavailableError,
  ValidationError,
  YorozuError,
} from '../src/index';
import { client, json, mockFetch, problem, SECRET } from './helpers';

async function failure(response: Response): Promise<APIError> {
  const { fetch } = mockFetch(response);
  const error = await client(fetch, { maxRetries: 0 })
    .me.get()
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  if (!(error instanceof APIError)) throw new Error(`expected an APIError, got ${error}`);
  return error;
}

describe('errors from problem+json', () => {
  it.each([
    [400, 'validation_failed', ValidationError],
    [400, 'invalid_cursor', ValidationError],
    [401, 'unauthenticated', AuthenticationError],
    [402, 'quota_exceeded', QuotaExceededError],
    [403, 'forbidden', PermissionDeniedError],
    [404, 'not_found', NotFoundError],
    [409, 'conflict', ConflictError],
    [409, 'idempotency_in_progress', IdempotencyError],
    [422, 'idempotency_key_mismatch', IdempotencyError],
    [429, 'rate_limited', RateLimitError],
    [500, 'internal', InternalServerError],
    [502, 'bad_gateway', InternalServerError],
    [503, 'unavailable', ServiceUnavailableError],
    [413, 'payload_too_large', APIError],
  ] as const)('%i %s → %s', async (status, code, Class) => {
    const error = await failure(problem(status, code));
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(YorozuError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(Class.kind);
    expect(error).toMatchObject({
      status,
      code,
      title: code.replace(/_/g, ' '),
      detail: `detail of ${code}`,
      requestId: `req_${status}`,
      method: 'GET',
      url: 'https://api.test/v1/me',
      attempts: 1,
    });
    expect(error.body).toMatchObject({ code, status });
    expect(error.headers.get('content-type')).toBe('application/problem+json');
    expect(error.message).toContain(`${status} ${code.replace(/_/g, ' ')}: detail of ${code}`);
    expect(error.message).toContain(`request req_${status}`);
    if (status === 503) expect(error).toBeInstanceOf(InternalServerError);
  });

  it('ValidationError carries the field problems', async () => {
    const errors = [{ path: '/body/email', message: 'must match format "email"' }];
    const error = await failure(problem(400, 'validation_failed', { errors }));
    expect((error as ValidationError).errors).toEqual(errors);
  });

  it('QuotaExceededError carries the quota, with resetsAt as a Date, and is not retryable', async () => {
    const quota = {
      product: 'studio',
      metric: 'credits',
      limit: 100,
      used: 100,
      resetsAt: '2026-12-01T00:00:00.000Z',
    };
    const error = (await failure(problem(402, 'quota_exceeded', { quota }))) as QuotaExceededError;
    expect(error).toMatchObject({
      product: 'studio',
      metric: 'credits',
      limit: 100,
      used: 100,
      retryable: false,
    });
    expect(error.resetsAt).toEqual(new Date('2026-12-01T00:00:00.000Z'));
  });

  it('RateLimitError carries Retry-After and the RateLimit headers', async () => {
    const error = (await failure(
      problem(
        429,
        'rate_limited',
        {},
        { 'retry-after': '2', 'ratelimit-limit': '60', 'ratelimit-remaining': '0', 'ratelimit-reset': '2' },
      ),
    )) as RateLimitError;
    expect(error).toMatchObject({ retryAfterMs: 2000, limit: 60, remaining: 0, retryable: true });
    expect(error.resetAt).toBeInstanceOf(Date);
  });

  it('reads the structured RateLimit header too', async () => {
    const error = (await failure(
      problem(429, 'rate_limited', {}, { ratelimit: 'limit=10, remaining=0, reset=4' }),
    )) as RateLimitError;
    expect(error).toMatchObject({ limit: 10, remaining: 0 });
  });

  it('keeps a body that is not JSON as text, and falls back to the X-Request-Id header', async () => {
    const error = await failure(
      new Response('<html>bad gateway</html>', { status: 502, headers: { 'x-request-id': 'req_proxy' } }),
    );
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({
      status: 502,
      code: undefined,
      requestId: 'req_proxy',
      body: '<html>bad gateway</html>',
    });
    expect(error.message).toContain('502 HTTP 502');
  });

  it('never exposes the Authorization header', async () => {
    const error = await failure(problem(401, 'unauthenticated'));
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET);
  });
});

describe('instanceof across copies of the SDK (ESM and CJS side by side)', () => {
  it('recognises errors by their class names', async () => {
    vi.resetModules();
    const other = (await import('../src/index')) as typeof sdk;
    expect(other.RateLimitError).not.toBe(sdk.RateLimitError);
    const { fetch } = mockFetch(problem(429, 'rate_limited'), json({}));
    const error = await new other.Yorozu({
      baseUrl: 'https://api.test',
      fetch,
      apiKey: 'yz_x',
      maxRetries: 0,
    }).me
      .get()
      .catch((e) => e);
    expect(error).toBeInstanceOf(sdk.RateLimitError);
    expect(error).toBeInstanceOf(sdk.APIError);
    expect(error).toBeInstanceOf(sdk.YorozuError);
    expect(error).not.toBeInstanceOf(sdk.NotFoundError);
    expect(error).not.toBeInstanceOf(sdk.ConnectionError);
    expect(new Error('plain')).not.toBeInstanceOf(sdk.YorozuError);
    expect(null).not.toBeInstanceOf(sdk.YorozuError);
  });
});
