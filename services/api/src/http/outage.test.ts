import { describe, expect, inject, it } from 'vitest';
import { expectProblem, signUp } from '../../test/harness.ts';
import { startTcpProxy } from '../../test/tcp-proxy.ts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createDatabasePool } from '../db/pool.ts';

describe('database outage', () => {
  it('answers 503 with Retry-After while the database is away, never crashes, and recovers by itself', async () => {
    const databaseUrl = new URL(inject('databaseUrl'));
    const proxy = await startTcpProxy({ host: databaseUrl.hostname, port: Number(databaseUrl.port || 5432) });
    const viaProxy = new URL(databaseUrl);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const pool = await createDatabasePool({ databaseUrl: viaProxy.toString(), maximumPoolSize: 2 });
    const app = await buildApp({ config: loadConfig({ NODE_ENV: 'test' }), pool, logger: false });
    try {
      const account = await signUp(app);
      const me = () =>
        app.inject({
          method: 'GET',
          url: '/v1/me',
          headers: { authorization: `Bearer ${account.accessToken}` },
        });
      expect((await me()).statusCode).toBe(200);

      await proxy.cut();
      const down = await me();
      expectProblem(down, 503, 'unavailable');
      expect(down.headers['retry-after']).toBe('1');
      expect(down.body).not.toMatch(/ECONN|postgres|slonik|stack/i);
      expectProblem(await app.inject({ method: 'GET', url: '/readyz' }), 503, 'unavailable');

      await proxy.restore();
      let recovered = 0;
      for (let attempt = 0; attempt < 20 && recovered !== 200; attempt++) {
        recovered = (await me()).statusCode;
        if (recovered !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(recovered).toBe(200);
    } finally {
      await app.close();
      await proxy.close();
    }
  });
});
