import { afterAll, describe, expect, it } from 'vitest';
import {
  exitWithin,
  faultDatabase,
  lockingConnection,
  type ServiceProcess,
  startApiProcess,
} from '../test/faults/processes.ts';
import { DEMO_EMAIL } from './demo.ts';

// `npm start` itself (src/main.ts in a process of its own), on a database of this file's own.
const databaseUrl = await faultDatabase();
const db = await lockingConnection(databaseUrl);
const running = new Set<ServiceProcess>();
afterAll(() => Promise.all([...running].map((api) => stop(api))));

async function start(env: Record<string, string>) {
  const api = await startApiProcess(databaseUrl, env);
  running.add(api);
  return api;
}

async function stop(api: ServiceProcess) {
  running.delete(api);
  api.child.kill('SIGTERM');
  await exitWithin(api, 20_000);
}

async function demoKeys() {
  const { rows } = await db.query<{ live: number; all: number }>(
    `SELECT count(*) FILTER (WHERE k.revoked_at IS NULL)::int AS live, count(*)::int AS all
     FROM platform.api_keys k JOIN platform.accounts a ON a.id = k.account_id WHERE a.email = $1`,
    [DEMO_EMAIL],
  );
  return rows[0]!;
}

function me(baseUrl: string, key: string) {
  return fetch(`${baseUrl}/v1/me`, { headers: { authorization: `Bearer ${key}` } });
}

// Each test starts `npm start` as a process of its own, two in the second: a start on a busy
// two-core machine takes several seconds, more than vitest's default 30 s for two of them.
const PROCESS_TESTS_MS = 120_000;

describe('the demo account of npm start', () => {
  it(
    'is not created outside development, and nothing about it is printed',
    async () => {
      const api = await start({
        NODE_ENV: 'production',
        JWT_SECRET: 'a production secret of 32+ characters!',
      });
      expect(api.output()).not.toMatch(/demo|yz_/i);
      await stop(api);
      const { rows } = await db.query('SELECT 1 FROM platform.accounts WHERE email = $1', [DEMO_EMAIL]);
      expect(rows).toHaveLength(0);
    },
    PROCESS_TESTS_MS,
  );

  it(
    'prints a working key on every development start, and revokes the key of the start before',
    async () => {
      const keyOf = (api: ServiceProcess) => api.output().match(/Demo API key\s+(yz_[A-Za-z0-9_-]+)/)?.[1];
      const first = await start({ NODE_ENV: 'development' });
      const firstKey = keyOf(first)!;
      expect((await me(first.baseUrl, firstKey)).status).toBe(200);
      await stop(first);

      const second = await start({ NODE_ENV: 'development' });
      const secondKey = keyOf(second)!;
      expect(secondKey).not.toBe(firstKey);
      expect((await me(second.baseUrl, secondKey)).status).toBe(200);
      expect((await me(second.baseUrl, firstKey)).status).toBe(401);
      expect(await demoKeys()).toEqual({ live: 1, all: 2 });
      await stop(second);
    },
    PROCESS_TESTS_MS,
  );
});
