import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startTestServer } from '@yorozu/api/testing';
import { QuotaExceededError, RateLimitError } from '@yorozu/sdk';
import { afterAll, expect, it } from 'vitest';
import { runErrorsExample } from './index.ts';

// The real service on a fresh database, with its default limits.
const server = await startTestServer();
afterAll(() => server.stop());

it('catches a QuotaExceededError and a RateLimitError and prints their fields', async () => {
  const lines: string[] = [];
  const started = Date.now();
  const { quota, rateLimit } = await runErrorsExample(server.baseUrl, (line) => lines.push(line));

  expect(quota).toBeInstanceOf(QuotaExceededError);
  expect(quota).toMatchObject({ product: 'studio', metric: 'credits', limit: 5, used: 5, attempts: 1 });
  expect(quota.resetsAt!.getTime()).toBeGreaterThan(Date.now());
  expect(rateLimit).toBeInstanceOf(RateLimitError);
  expect(rateLimit).toMatchObject({ status: 429, limit: 10, remaining: 0, attempts: 1, retryable: true });
  expect(rateLimit.retryAfterMs).toBeGreaterThan(10_000);
  // Thrown at once, not slept on.
  expect(Date.now() - started).toBeLessThan(10_000);

  expect(lines[1]).toMatch(/^QuotaExceededError: 402 quota_exceeded, /);
  expect(lines).toContain('  product      studio');
  expect(lines).toContain('  retryable    false');
  expect(lines.find((line) => line.startsWith('  resetsAt '))).toBe(
    `  resetsAt     ${quota.resetsAt!.toISOString()}`,
  );
  expect(lines.find((line) => line.startsWith('RateLimitError'))).toMatch(
    /^RateLimitError: 429 rate_limited, /,
  );
  expect(lines).toContain(`  retryAfterMs ${rateLimit.retryAfterMs}`);
  expect(lines).toContain('  remaining    0');
});

it('runs as `npm run errors` against YOROZU_BASE_URL', async () => {
  const script = fileURLToPath(new URL('index.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script], {
    env: { ...process.env, YOROZU_BASE_URL: server.baseUrl },
  });
  expect(stdout).toMatch(/QuotaExceededError: 402 quota_exceeded/);
  expect(stdout).toMatch(/RateLimitError: 429 rate_limited/);
});
