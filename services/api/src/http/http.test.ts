import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../test/harness.ts';
import { CORS_ALLOWED_HEADERS, CORS_MAX_EXTRA_HEADERS } from './cors.ts';

const { app } = await testApp({ BODY_LIMIT_BYTES: '2048' });

describe('http surface', () => {
  it('answers unknown routes, bad JSON, oversized and non-JSON bodies with problem+json', async () => {
    const account = await signUp(app);
    expectProblem(await app.inject({ method: 'GET', url: '/v1/nothing-here' }), 404, 'not_found');
    expectProblem(await app.inject({ method: 'DELETE', url: '/v1/me' }), 404, 'not_found');
    const badJson = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expectProblem(badJson, 400, 'validation_failed');
    const huge = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'a@example.com', password: 'x'.repeat(4096) },
    });
    expectProblem(huge, 413, 'payload_too_large');
    const text = await as(app, account.accessToken, {
      method: 'PATCH',
      url: '/v1/me',
      headers: { 'content-type': 'text/plain' },
      payload: 'name=x',
    });
    expectProblem(text, 415, 'unsupported_media_type');
    const noBody = await as(app, account.accessToken, { method: 'PATCH', url: '/v1/me' });
    expect(noBody.statusCode).toBe(400);
  });

  it('refuses unknown body properties instead of dropping them, naming one', async () => {
    const account = await signUp(app);
    const response = await as(app, account.accessToken, {
      method: 'PATCH',
      url: '/v1/me',
      payload: { name: 'Ada', email: 'evil@example.com', role: 'admin' },
    });
    const problem = expectProblem(response, 400, 'validation_failed');
    expect(problem.errors).toEqual([{ path: '/body/email', message: 'is not a known property' }]);
    const me = await as(app, account.accessToken, { method: 'GET', url: '/v1/me' });
    expect(me.json()).toMatchObject({ name: null, email: account.email, role: 'member' });
  });

  it('echoes a well-formed client X-Request-Id and replaces a malformed one', async () => {
    const mine = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'client-chosen-id-123' },
    });
    expect(mine.headers['x-request-id']).toBe('client-chosen-id-123');
    const bad = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'bad id\u0001' },
    });
    expect(bad.headers['x-request-id']).toMatch(/^req_[0-9a-f]{24}$/);
  });

  it('reports health, readiness and Prometheus metrics with a per-route histogram', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ok' });
    await app.inject({ method: 'GET', url: '/v1/me' });
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toContain(
      'http_request_duration_seconds_bucket{le="0.005",method="GET",route="/v1/me",status_code="401"}',
    );
  });
});

describe('CORS', () => {
  it('lets browsers send the SDK headers and read the ones it relies on', async () => {
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/v1/api-keys',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,idempotency-key,x-retry-count,content-type',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('Idempotency-Key');
    const actual = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { origin: 'https://app.example.com' },
    });
    expect(String(actual.headers['access-control-expose-headers'])).toContain('Yorozu-Quota-Remaining');
  });

  const preflight = (requestHeaders: string) =>
    app.inject({
      method: 'OPTIONS',
      url: '/v1/me',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'GET',
        'access-control-request-headers': requestHeaders,
      },
    });
  const allowed = (response: { headers: Record<string, unknown> }) =>
    String(response.headers['access-control-allow-headers'])
      .split(',')
      .map((name) => name.trim().toLowerCase());

  it("allows the caller's own headers and the SDK's Yorozu-SDK header that a preflight asks for", async () => {
    const response = await preflight('authorization,x-app,traceparent,yorozu-sdk,user-agent');
    expect(response.statusCode).toBe(204);
    expect(allowed(response)).toEqual(
      expect.arrayContaining(['authorization', 'x-app', 'traceparent', 'yorozu-sdk', 'user-agent']),
    );
    expect(String(response.headers.vary).toLowerCase()).toContain('access-control-request-headers');
  });

  it('never allows headers that describe the connection, malformed names, or an unbounded list', async () => {
    const response = await preflight(
      `x-forwarded-for,forwarded,x-real-ip,x-forwarded-host,bad name,${'x'.repeat(65)},x-ok`,
    );
    const names = allowed(response);
    expect(names).toContain('x-ok');
    for (const refused of ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host', 'bad name'])
      expect(names).not.toContain(refused);
    expect(names.some((name) => name.length > 64)).toBe(false);

    const many = await preflight(Array.from({ length: 100 }, (_, i) => `x-h${i}`).join(','));
    expect(allowed(many).length).toBe(CORS_ALLOWED_HEADERS.length + CORS_MAX_EXTRA_HEADERS);
  });
});
