import { performance } from 'node:perf_hooks';
import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../test/harness.ts';
import { MAX_FIELD_PROBLEMS } from './field-problems.ts';

/**
 * Validator time, measured inside the app: from the `preValidation` hook (the body is parsed)
 * to `onSend` (validation failed, the problem is serialised).
 */
const validationStarted = new WeakMap<FastifyRequest, number>();
const validatorMs: number[] = [];
const { app } = await testApp(
  {},
  {
    routes: (app) => {
      app.addHook('preValidation', async (request) => {
        validationStarted.set(request, performance.now());
      });
      app.addHook('onSend', async (request) => {
        const started = validationStarted.get(request);
        if (started !== undefined) validatorMs.push(performance.now() - started);
      });
    },
  },
);
const account = await signUp(app);

/** Sends the request with a /healthz beside it; both must answer. */
async function withHealthCheck(payload: string, url: string) {
  validatorMs.length = 0;
  const [response, health] = await Promise.all([
    as(app, account.accessToken, {
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      payload,
    }),
    app.inject({ method: 'GET', url: '/healthz' }),
  ]);
  expect(health.statusCode).toBe(200);
  return { response, validatorMs: validatorMs[0] ?? Number.POSITIVE_INFINITY };
}

describe('request validation cost', () => {
  it('refuses a 40 000-item enum array in milliseconds, before comparing items pairwise, while /healthz answers', async () => {
    // 229 KB of integers for an array of at most 15 unique scope names: ~10 s of pairwise comparison before.
    const payload = JSON.stringify({
      name: 'flood',
      scopes: Array.from({ length: 40_000 }, (_, index) => index),
    });
    const { response, validatorMs } = await withHealthCheck(payload, '/v1/api-keys');
    const problem = expectProblem(response, 400, 'validation_failed');
    expect(problem.errors.length).toBeGreaterThan(0);
    expect(problem.errors.length).toBeLessThanOrEqual(MAX_FIELD_PROBLEMS);
    expect(response.body.length).toBeLessThan(4096);
    // About 1 ms here; the margin is wide for a loaded machine.
    expect(validatorMs).toBeLessThan(100);
  });

  it('refuses a body-limit-sized array of 300 000 objects just as fast', async () => {
    // ~900 KB of empty objects, the costliest items to compare pairwise.
    const payload = JSON.stringify({ expressions: Array.from({ length: 300_000 }, () => ({})) });
    const url = '/v1/studio/characters/7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f/generations';
    const { response, validatorMs } = await withHealthCheck(payload, url);
    expect(expectProblem(response, 400, 'validation_failed').errors).toEqual([
      { path: '/body/expressions', message: 'must NOT have more than 6 items' },
    ]);
    expect(validatorMs).toBeLessThan(100);
  });
});
