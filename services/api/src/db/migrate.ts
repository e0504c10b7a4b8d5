/** Runs the SQL migrations in services/api/migrations with node-pg-migrate. */
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

export async function migrate(databaseUrl: string, log: (message: string) => void = () => {}): Promise<void> {
  await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    migrationsSchema: 'public',
    count: Number.POSITIVE_INFINITY,
    checkOrder: true,
    log,
    verbose: false,
  });
}
