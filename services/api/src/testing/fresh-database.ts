/**
 * A fresh, migrated database for one test run: on the server at DATABASE_URL
 * when set, else on a throwaway embedded PostgreSQL server. `drop()` removes
 * the database (and the embedded server) again.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, dropDatabase } from '../db/databases.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from '../db/embedded.ts';
import { migrate } from '../db/migrate.ts';

export interface FreshDatabase {
  databaseUrl: string;
  drop(): Promise<void>;
}

export async function createFreshDatabase(serverUrl = process.env['DATABASE_URL']): Promise<FreshDatabase> {
  let embedded: EmbeddedServer | null = null;
  let dataDir: string | null = null;
  let server = serverUrl;
  if (!server) {
    dataDir = await mkdtemp(join(tmpdir(), 'yorozu-test-pg-'));
    embedded = await startEmbeddedPostgres(dataDir, { persistent: false });
    server = embedded.url;
  }
  const database = `yorozu_test_${Date.now()}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const databaseUrl = await createDatabase(server, database);
  await migrate(databaseUrl);
  return {
    databaseUrl,
    drop: async () => {
      await dropDatabase(server, database);
      await embedded?.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
