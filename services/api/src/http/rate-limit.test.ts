import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { as, expectProblem, signUp, testApp, uniqueEmail } from '../../test/harness.ts';
import { startTcpProxy } from '../../test/tcp-proxy.ts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createDatabasePool } from '../db/pool.ts';

/** A well-formed API key nobody was ever given. */
function madeUpKey(): string {
  return `yz_${randomBytes(32).toString('base64url')}`;
}

/** A client address of its own, so counts kept in a shared Redis never meet another run's. */
function someIp(): string {
  const [a, b, c] = randomBytes(3);
  return `10.${a}.${b}.${c}`;
}

async function createKey(app: FastifyInstance, accessToken: string): Promise<string> {
  const created = await as(app, accessToken, {
    method: 'POST',
    url: '/v1/api-keys',
    payload: { name: 'rate limit test', scopes: ['me:read'] },
  });
  expect(created.statusCode).toBe(201);
  return created.json().secret;
}

function me(app: FastifyInstance, token: string, remoteAddress = '127.0.0.1') {
  return app.inject({
    method: 'GET',
    url: '/v1/me',
    headers: { authorization: `Bearer ${token}` },
    remoteAddress,
  });
}

describe('rate limiting', () => {
  it('limits per credential with RateLimit-* headers, then 429 with Retry-After', async () => {
    const { app } = await testApp({ RATE_LIMIT_PER_MINUTE: '3' });
    const account = await signUp(app);
    const [key, otherKey] = [
      await createKey(app, account.accessToken),
      await createKey(app, account.accessToken),
    ];
    const responses = [];
    for (let i = 0; i < 4; i++) responses.push(await me(app, key));
    expect(responses.slice(0, 3).map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(responses[0]?.headers['ratelimit-limit']).toBe('3');
    expect(responses[2]?.headers['ratelimit-remaining']).toBe('0');
    const limited = responses[3]!;
    expectProblem(limited, 429, 'rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another credential has its own budget.
    expect((await me(app, otherKey!)).statusCode).toBe(200);
  });

  it('counts malformed credentials by client IP: a new made-up header buys no new budget', async () => {
    const { app } = await testApp({ RATE_LIMIT_PER_MINUTE: '3' });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await me(app, `garbage-${randomUUID()}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect((await me(app, `garbage-${randomUUID()}`, someIp())).statusCode).toBe(401);
    // An IPv6 client holds a /64: moving inside it buys nothing either.
    const ipv6 = [];
    for (let i = 1; i <= 4; i++) ipv6.push((await me(app, 'garbage', `2001:db8:0:7::${i}`)).statusCode);
    expect(ipv6).toEqual([401, 401, 401, 429]);
  });

  it('refuses API keys from an IP after repeated unknown keys, before the database, sparing access tokens', async () => {
    const { app } = await testApp({ AUTH_FAILURES_PER_MINUTE: '3' });
    const account = await signUp(app);
    const key = await createKey(app, account.accessToken);
    const ip = someIp();
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await me(app, madeUpKey(), ip)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const refused = await me(app, key, ip);
    expectProblem(refused, 429, 'rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Access tokens are verified without the database; other clients are not affected.
    expect((await me(app, account.accessToken, ip)).statusCode).toBe(200);
    expect((await me(app, key, someIp())).statusCode).toBe(200);
  });

  it('takes the client IP from X-Forwarded-For only behind a trusted proxy', async () => {
    const spoof = (app: FastifyInstance, forwardedFor: string) =>
      app.inject({
        method: 'GET',
        url: '/v1/me',
        headers: { authorization: 'Bearer garbage', 'x-forwarded-for': forwardedFor },
        remoteAddress: '127.0.0.1',
      });
    // Not trusted: every made-up X-Forwarded-For is still the one socket address, one budget.
    const direct = await testApp({ RATE_LIMIT_PER_MINUTE: '2' });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await spoof(direct.app, someIp())).statusCode);
    expect(statuses).toEqual([401, 401, 429]);
    // Behind a trusted proxy, each client the proxy names has its own.
    const proxied = await testApp({ RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: '127.0.0.1' });
    const client = someIp();
    expect((await spoof(proxied.app, client)).statusCode).toBe(401);
    expect((await spoof(proxied.app, client)).statusCode).toBe(401);
    expectProblem(await spoof(proxied.app, client), 429, 'rate_limited');
    expect((await spoof(proxied.app, someIp())).statusCode).toBe(401);
  });

  it('refuses malformed credentials before touching the database', async () => {
    const databaseUrl = new URL(inject('databaseUrl'));
    const proxy = await startTcpProxy({ host: databaseUrl.hostname, port: Number(databaseUrl.port || 5432) });
    const viaProxy = new URL(databaseUrl);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const pool = await createDatabasePool({ databaseUrl: viaProxy.toString(), maximumPoolSize: 2 });
    const app = await buildApp({ config: loadConfig({ NODE_ENV: 'test' }), pool, logger: false });
    try {
      await proxy.cut();
      // A well-formed key needs the database, which is away: 503 shows the outage is real.
      expectProblem(await me(app, madeUpKey()), 503, 'unavailable');
      const malformedKeys = ['yz_short', `${madeUpKey()}A`, `yz_${'.'.repeat(43)}`, 'yz_'];
      for (const key of malformedKeys) expectProblem(await me(app, key), 401, 'unauthenticated');
      for (const refreshToken of ['yzr_short', `yzr_${'!'.repeat(43)}`, madeUpKey()]) {
        const response = await app.inject({
          method: 'POST',
          url: '/v1/auth/refresh',
          payload: { refreshToken },
        });
        expectProblem(response, 401, 'unauthenticated');
      }
    } finally {
      await app.close();
      await proxy.close();
    }
  });

  it('limits sign-up, login and refresh per IP, whatever the email', async () => {
    const { app } = await testApp({ AUTH_REQUESTS_PER_MINUTE: '5' });
    const ip = someIp();
    const login = (remoteAddress: string) =>
      app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: uniqueEmail(), password: 'a password guess' },
        remoteAddress,
      });
    for (let i = 0; i < 5; i++) expectProblem(await login(ip), 401, 'unauthenticated');
    const blocked = await login(ip);
    expectProblem(blocked, 429, 'rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.headers['ratelimit-limit']).toBe('5');
    const others = [
      { url: '/v1/auth/signup', payload: { email: uniqueEmail(), password: 'a perfectly fine passphrase' } },
      { url: '/v1/auth/refresh', payload: { refreshToken: `yzr_${randomBytes(32).toString('base64url')}` } },
    ];
    for (const request of others) {
      expectProblem(await app.inject({ method: 'POST', ...request, remoteAddress: ip }), 429, 'rate_limited');
    }
    expectProblem(await login(someIp()), 401, 'unauthenticated');
  });

  it.skipIf(!process.env['REDIS_URL'])('shares counts between API processes through Redis', async () => {
    const redisUrl = process.env['REDIS_URL']!;
    const config = loadConfig({
      NODE_ENV: 'test',
      RATE_LIMIT_PER_MINUTE: '2',
      AUTH_FAILURES_PER_MINUTE: '2',
      REDIS_URL: redisUrl,
    });
    const apps = await Promise.all(
      [1, 2].map(async () => {
        const redis = new Redis(redisUrl);
        const pool = await createDatabasePool({ databaseUrl: inject('databaseUrl'), maximumPoolSize: 1 });
        const app = await buildApp({ config, pool, redis, logger: false });
        app.addHook('onClose', async () => void (await redis.quit()));
        return app;
      }),
    );
    try {
      const [a, b] = apps as [(typeof apps)[0], (typeof apps)[0]];
      const account = await signUp(a);
      const key = await createKey(a, account.accessToken);
      expect((await me(a, key)).statusCode).toBe(200);
      expect((await me(b, key)).statusCode).toBe(200);
      expectProblem(await me(a, key), 429, 'rate_limited');

      const ip = someIp();
      expectProblem(await me(a, madeUpKey(), ip), 401, 'unauthenticated');
      expectProblem(await me(b, madeUpKey(), ip), 401, 'unauthenticated');
      expectProblem(await me(a, madeUpKey(), ip), 429, 'rate_limited');
    } finally {
      await Promise.all(apps.map((app) => app.close()));
    }
  });
});
