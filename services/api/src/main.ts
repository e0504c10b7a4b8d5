/**
 * `npm start`: validate the configuration, get a database (DATABASE_URL or
 * the embedded server), migrate, seed the demo account, serve, run a job
 * worker in process (WORKER_CONCURRENCY, 0 for none: then run
 * services/worker), and shut down gracefully on SIGTERM/SIGINT.
 */
import { Redis } from 'ioredis';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { prepareDatabase } from './database.ts';
import { createDatabasePool } from './db/pool.ts';
import { seedDemoAccount } from './demo.ts';
import { jobHandlers, scheduledTasks } from './jobs.ts';
import { startJobRunner } from './kernel/jobs/index.ts';

function loadConfigOrExit() {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

const config = loadConfigOrExit();
if (!config.databaseUrl)
  console.log('No DATABASE_URL: starting an embedded PostgreSQL server under .data/postgres …');
const database = await prepareDatabase(config.databaseUrl);
const pool = await createDatabasePool({
  databaseUrl: database.databaseUrl,
  maximumPoolSize: config.databasePoolSize,
});
const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
const app = await buildApp({ config, pool, ...(redis ? { redis } : {}) });
const demo = await seedDemoAccount(app);
const address = await app.listen({ host: config.host, port: config.port });
const worker =
  config.workerConcurrency > 0
    ? await startJobRunner({
        databaseUrl: database.databaseUrl,
        handlers: jobHandlers,
        schedules: scheduledTasks,
        concurrency: config.workerConcurrency,
        log: app.log,
      })
    : null;

console.log(`
Yorozu API listening on ${address}
  Swagger UI    ${address}/docs
  OpenAPI spec  ${address}/openapi.json
  Demo account  ${demo.email} / ${demo.password}
  Demo API key  ${demo.apiKey}
  Try it:       curl -H "Authorization: Bearer ${demo.apiKey}" ${address}/v1/me
`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'shutting down: draining in-flight requests');
  // app.close() stops accepting, waits for in-flight requests, then closes the pool (onClose hook).
  await app.close();
  // Running jobs finish, or are released to another worker after a grace period; the worker's pools close.
  await worker?.stop();
  await redis?.quit();
  await database.embedded?.stop();
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
