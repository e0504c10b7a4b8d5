import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { expectProblem, testApp } from '../../test/harness.ts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createDatabasePool } from '../db/pool.ts';

describe('rate limiting', () => {
  it('limits per credential with RateLimit-* headers, then 429 with Retry-After', async () => {
    const { app } = await testApp({ RATE_LIMIT_PER_MINUTE: '3' });
    const headers = { authorization: `Bearer yz_${randomUUID()}` };
    const responses = [];
    for (let i = 0; i < 4; i++) responses.push(await app.inject({ method: 'GET', url: '/v1/me', headers }));
    expect(responses.slice(0, 3).map((r) => r.statusCode)).toEqual([401, 401, 401]);
    expect(responses[0]?.headers['ratelimit-limit']).toBe('3');
    expect(responses[2]?.headers['ratelimit-remaining']).toBe('0');
    const limited = responses[3]!;
    expectProblem(limited, 429, 'rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another credential has its own budget.
    const other = await app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: { authorization: `Bearer yz_${randomUUID()}` },
    });
    expect(other.statusCode).toBe(401);
  });

  it.skipIf(!process.env['REDIS_URL'])('shares counts between API processes through Redis', async () => {
    const redisUrl = process.env['REDIS_URL']!;
    const config = loadConfig({ NODE_ENV: 'test', RATE_LIMIT_PER_MINUTE: '2', REDIS_URL: redisUrl });
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
      const headers = { authorization: `Bearer yz_${randomUUID()}` };
      const [a, b] = apps as [(typeof apps)[0], (typeof apps)[0]];
      expect((await a.inject({ method: 'GET', url: '/v1/me', headers })).statusCode).toBe(401);
      expect((await b.inject({ method: 'GET', url: '/v1/me', headers })).statusCode).toBe(401);
      expectProblem(await a.inject({ method: 'GET', url: '/v1/me', headers }), 429, 'rate_limited');
    } finally {
      await Promise.all(apps.map((app) => app.close()));
    }
  });
});
