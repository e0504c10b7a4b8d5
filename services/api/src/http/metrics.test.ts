import { describe, expect, it } from 'vitest';
import { expectProblem, testApp } from '../../test/harness.ts';

const JWT_SECRET = 'metrics test secret, at least 32 characters!';
const METRICS_TOKEN = 'a metrics scrape token of 32+ characters';

describe('/metrics', () => {
  it('is not served in production without METRICS_TOKEN', async () => {
    const { app } = await testApp({ NODE_ENV: 'production', JWT_SECRET });
    expectProblem(await app.inject({ method: 'GET', url: '/metrics' }), 404, 'not_found');
  });

  it('requires METRICS_TOKEN as a bearer token when it is set', async () => {
    const { app } = await testApp({ NODE_ENV: 'production', JWT_SECRET, METRICS_TOKEN });
    const scrape = (authorization?: string) =>
      app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });
    expectProblem(await scrape(), 401, 'unauthenticated');
    expectProblem(await scrape(`Bearer ${METRICS_TOKEN.slice(1)}`), 401, 'unauthenticated');
    expectProblem(await scrape(METRICS_TOKEN), 401, 'unauthenticated');
    const ok = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('http_request_duration_seconds');
  });

  it('is open in development', async () => {
    const { app } = await testApp({ NODE_ENV: 'development' });
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
  });
});
