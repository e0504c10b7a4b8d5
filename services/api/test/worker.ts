/**
 * Jobs in tests: `startTestWorker` runs a real worker with the test's own
 * handlers (stop it in afterAll), and `waitForJob` polls `GET /v1/jobs/{id}`
 * until the job is final.
 */
import type { FastifyInstance } from 'fastify';
import { as } from './harness.ts';

export { startTestWorker } from '../src/testing/test-worker.ts';

const FINAL = ['succeeded', 'failed', 'canceled'];

export async function waitForJob(
  app: FastifyInstance,
  token: string,
  jobId: string,
  options: { timeoutMs?: number } = {},
) {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    const response = await as(app, token, { method: 'GET', url: `/v1/jobs/${jobId}` });
    if (response.statusCode !== 200)
      throw new Error(`GET /v1/jobs/${jobId}: ${response.statusCode} ${response.body}`);
    const job = response.json();
    if (FINAL.includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status} at ${job.progress}%`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
