/**
 * Where the service's database comes from: DATABASE_URL when set, else an
 * embedded PostgreSQL server under .data/ (docs/architecture.md, Operations). Either
 * way the schema is migrated before the pool opens.
 */
import { fileURLToPath } from 'node:url';
import { createDatabase } from './db/databases.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from './db/embedded.ts';
import { migrate } from './db/migrate.ts';

export const EMBEDDED_DATA_DIR = fileURLToPath(new URL('../../../.data/postgres', import.meta.url));

export interface PreparedDatabase {
  databaseUrl: string;
  embedded: EmbeddedServer | null;
}

export async function prepareDatabase(databaseUrl: string | undefined): Promise<PreparedDatabase> {
  let embedded: EmbeddedServer | null = null;
  let url = databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(EMBEDDED_DATA_DIR, { persistent: true });
    url = await createDatabase(embedded.url, 'yorozu');
  }
  await migrate(url);
  return { databaseUrl: url, embedded };
}
