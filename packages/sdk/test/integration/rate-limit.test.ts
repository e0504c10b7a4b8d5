/** RateLimitError from the real service's limiter: a server of its own, allowing 5 requests a minute. */
import { startTestServer, type TestServer } from '@yorozu/api/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RateLimitError, Yorozu } from '../../src/index';
import { PASSWORD, recordingFetch, uniqueEmail } from './accounts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '5' });
});
afterAll(() => server?.stop());

it('throws RateLimitError at once when Retry-After is beyond the deadline, with the limit headers', async () => {
  const anonymous = new Yorozu({ baseUrl: server.baseUrl, getToken: () => undefined });
  const { tokens } = await anonymous.auth.signup({ email: uniqueEmail('rate'), password: PASSWORD });
  const { fetch, exchanges } = recordingFetch();
  // Retries allowed, but the window (up to a minute) outlasts a 5 s deadline: no sleep, an error now.
  const client = new Yorozu({
    baseUrl: server.baseUrl,
    accessToken: tokens.accessToken,
    fetch,
    deadline: 5_000,
  });

  const started = Date.now();
  let error: unknown;
  for (let i = 0; i < 10 && !error; i++) {
    await client.me.get().catch((e: unknown) => {
      error = e;
    });
  }

  expect(error).toBeInstanceOf(RateLimitError);
  const limited = error as RateLimitError;
  expect(limited).toMatchObject({ status: 429, code: 'rate_limited', limit: 5, remaining: 0, attempts: 1 });
  expect(limited.retryable).toBe(true);
  expect(limited.retryAfterMs).toBeGreaterThan(5_000);
  expect(limited.retryAfterMs).toBeLessThanOrEqual(60_000);
  expect(limited.resetAt).toBeInstanceOf(Date);
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(exchanges.filter((exchange) => exchange.endsWith(' 429'))).toHaveLength(1);
  expect(exchanges.filter((exchange) => exchange.endsWith(' 200'))).toHaveLength(5);
});
