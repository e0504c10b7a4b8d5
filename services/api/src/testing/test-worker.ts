/**
 * A real job runner for tests: graphile-worker on the test database, running
 * the handlers the test passes (test-only ones, or a module's handlers on its
 * own engines), by default every module's handlers on the default engines.
 * Quick to notice due retries, and quick to release jobs at `stop()`, so a
 * test can stop it mid-job and start another one in its place.
 */
import { createEngines } from '../composition.ts';
import { loadConfig } from '../config.ts';
import { createJobHandlers } from '../jobs.ts';
import { sealer } from '../kernel/auth/index.ts';
import { type JobHandler, type JobRunner, startJobRunner } from '../kernel/jobs/index.ts';

/** The registry a worker runs with the default configuration (src/jobs.ts). */
export function defaultJobHandlers(): Readonly<Record<string, JobHandler>> {
  const config = loadConfig({ NODE_ENV: 'test' });
  return createJobHandlers(createEngines(config), sealer(config.jwtSecret));
}

export async function startTestWorker(
  databaseUrl: string,
  handlers: Readonly<Record<string, JobHandler>> = defaultJobHandlers(),
  options: { concurrency?: number; shutdownGraceMs?: number; leaseMs?: number } = {},
): Promise<JobRunner> {
  return startJobRunner({
    databaseUrl,
    handlers,
    concurrency: options.concurrency ?? 2,
    shutdownGraceMs: options.shutdownGraceMs ?? 100,
    pollIntervalMs: 100,
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
  });
}
