import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../test/harness.ts';
import { MAX_FIELD_PROBLEMS } from './errors.ts';

const { app } = await testApp();

/** How long the event loop stalls behind one request: a /healthz started beside it waits that long. */
async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; healthMs: number }> {
  const started = performance.now();
  const health = app.inject({ method: 'GET', url: '/healthz' }).then((response) => {
    expect(response.statusCode).toBe(200);
    return performance.now() - started;
  });
  const result = await work();
  const ms = performance.now() - started;
  return { result, ms, healthMs: await health };
}

describe('request validation cost', () => {
  it('refuses a 40 000-item enum array in milliseconds, before comparing items pairwise, while /healthz answers', async () => {
    const account = await signUp(app);
    const scopes = Array.from({ length: 40_000 }, (_, index) => index);
    const payload = JSON.stringify({ name: 'flood', scopes });
    // Warm the route up so the measurement is of validation, not of first-call compilation.
    await as(app, account.accessToken, {
      method: 'POST',
      url: '/v1/api-keys',
      payload: { name: 'x', scopes: [1] },
    });
    const { result, ms, healthMs } = await timed(() =>
      as(app, account.accessToken, {
        method: 'POST',
        url: '/v1/api-keys',
        headers: { 'content-type': 'application/json' },
        payload,
      }),
    );
    const problem = expectProblem(result, 400, 'validation_failed');
    expect(problem.errors.length).toBeGreaterThan(0);
    expect(problem.errors.length).toBeLessThanOrEqual(MAX_FIELD_PROBLEMS);
    expect(result.body.length).toBeLessThan(4096);
    // Pairwise uniqueness took ~10 s here; parsing and validating now take a few ms. Wide margin.
    expect(ms).toBeLessThan(100);
    expect(healthMs).toBeLessThan(150);
  });

  it('refuses a body-limit-sized array of studio expressions just as fast', async () => {
    const account = await signUp(app);
    // 300 000 empty objects (~900 KB): the costliest items to compare pairwise.
    const expressions = Array.from({ length: 300_000 }, () => ({}));
    const payload = JSON.stringify({ expressions });
    const { result, ms } = await timed(() =>
      as(app, account.accessToken, {
        method: 'POST',
        url: '/v1/studio/characters/7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f/generations',
        headers: { 'content-type': 'application/json' },
        payload,
      }),
    );
    expectProblem(result, 400, 'validation_failed');
    expect(ms).toBeLessThan(150);
  });
});
