/**
 * Runs the SQL migrations in services/api/migrations with node-pg-migrate,
 * then graphile-worker's own migrations (its `graphile_worker` schema is
 * created and upgraded by its migrator, not by us), so tests and `npm start`
 * get a database the job runner can use at once.
 */
import { fileURLToPath } from 'node:url';
import { runMigrations } from 'graphile-worker';
import { runner } from 'node-pg-migrate';
import { silentWorkerLogger } from '../kernel/jobs/worker-logger.ts';

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
    // API processes started together (a deployment scaled out) take turns: the first migrates,
    // the others wait for its advisory lock and then find nothing to do. The default ('fail')
    // crashed every process but one (test/faults/scale-out.test.ts).
    advisoryLockMode: 'wait',
    log,
    verbose: false,
  });
  await runMigrations({ connectionString: databaseUrl, logger: silentWorkerLogger });
}
