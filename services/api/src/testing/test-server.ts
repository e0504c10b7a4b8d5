/**
 * The real service on a fresh database, listening on a free loopback port:
 * for tests that talk HTTP to it from outside (the SDK's integration tests,
 * the examples).
 */
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createDatabasePool } from '../db/pool.ts';
import { createFreshDatabase } from './fresh-database.ts';

export interface TestServer {
  baseUrl: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const database = await createFreshDatabase();
  // Tests sign every account up from one address: the per-IP auth budget would end a busy suite.
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    AUTH_REQUESTS_PER_MINUTE: '1000000',
    ...env,
  });
  const pool = await createDatabasePool({ databaseUrl: database.databaseUrl, maximumPoolSize: 5 });
  const app = await buildApp({ config, pool, logger: false });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    baseUrl,
    databaseUrl: database.databaseUrl,
    stop: async () => {
      await app.close();
      await database.drop();
    },
  };
}
