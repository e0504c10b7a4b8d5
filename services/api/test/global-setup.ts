/**
 * One fresh database per test run: on the server at DATABASE_URL when set,
 * else on a throwaway embedded PostgreSQL server. Migrated once; dropped at
 * the end. Tests isolate themselves by signing up their own accounts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDatabase, dropDatabase } from '../src/db/databases.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from '../src/db/embedded.ts';
import { migrate } from '../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  let embedded: EmbeddedServer | null = null;
  let dataDir: string | null = null;
  let serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) {
    dataDir = await mkdtemp(join(tmpdir(), 'yorozu-test-pg-'));
    embedded = await startEmbeddedPostgres(dataDir, { persistent: false });
    serverUrl = embedded.url;
  }
  const database = `yorozu_test_${Date.now()}_${process.pid}`;
  const databaseUrl = await createDatabase(serverUrl, database);
  await migrate(databaseUrl);
  project.provide('databaseUrl', databaseUrl);

  return async () => {
    await dropDatabase(serverUrl, database);
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
