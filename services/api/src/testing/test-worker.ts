/**
 * A real job runner for tests: graphile-worker on the test database, running
 * the handlers the test passes (test-only ones, or a module's `jobHandlers`).
 * Quick to notice due retries, and quick to release jobs at `stop()`, so a
 * test can stop it mid-job and start another one in its place.
 */
import { type JobHandler, type JobRunner, startJobRunner } from '../kernel/jobs/index.ts';

export async function startTestWorker(
  databaseUrl: string,
  handlers: Readonly<Record<string, JobHandler>>,
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
