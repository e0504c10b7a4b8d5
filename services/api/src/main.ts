/**
 * `npm start`: validate the configuration, get a database (DATABASE_URL or
 * the embedded server), migrate, seed the demo account (development only), serve, run a job
 * worker in process (WORKER_CONCURRENCY, 0 for none: then run
 * services/worker), and shut down gracefully on SIGTERM/SIGINT
 * (docs/architecture.md, Shutdown and job recovery).
 */
// First: V8 flags, before anything allocates (src/runtime-flags.ts).
import './runtime-flags.ts';
import { Redis } from 'ioredis';
import { buildApp } from './app.ts';
import { createEngines } from './composition.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { prepareDatabase } from './database.ts';
import { EmbeddedPostgresError } from './db/embedded.ts';
import { createDatabasePool } from './db/pool.ts';
import { seedDemoAccount } from './demo.ts';
import { startWorker } from './jobs.ts';
import { seedStudioSample } from './modules/studio/demo.ts';
import { exitGracefullyOn } from './shutdown-signals.ts';

function loadConfigOrExit() {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

async function start(config: Config) {
  const database = await prepareDatabase(config.databaseUrl);
  const pool = await createDatabasePool({
    databaseUrl: database.databaseUrl,
    maximumPoolSize: config.databasePoolSize,
  });
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  const engines = createEngines(config);
  const app = await buildApp({ config, pool, engines, ...(redis ? { redis } : {}) });
  // A published password and an all-scopes key: never outside development.
  const demo = config.env === 'development' ? await seedDemoAccount(app) : null;
  // Something to browse in Swagger UI on first start, with the demo account. Never fatal: a demo
  // account out of studio credits still starts.
  if (demo) {
    await seedStudioSample(app, demo.apiKey).catch((error: unknown) =>
      app.log.warn({ err: error }, 'the studio sample character was not created'),
    );
  }
  const address = await app.listen({ host: config.host, port: config.port });
  const worker =
    config.workerConcurrency > 0
      ? await startWorker({ config, databaseUrl: database.databaseUrl, engines, log: app.log })
      : null;

  console.log(`
Yorozu API listening on ${address}
  Swagger UI    ${address}/docs
  Reference     ${address}/reference
  OpenAPI spec  ${address}/openapi.json
${
  demo
    ? `  Demo account  ${demo.email} / ${demo.password}
  Demo API key  ${demo.apiKey}
  Try it:       curl -H "Authorization: Bearer ${demo.apiKey}" ${address}/v1/me
`
    : ''
}${database.embedded ? `  PostgreSQL    embedded, data in ${database.embedded.dataDir}\n` : ''}`);
  return { app, worker, redis, database };
}

type Service = Awaited<ReturnType<typeof start>>;

async function stop({ app, worker, redis, database }: Service, config: Config): Promise<number> {
  // New requests get 503 + Retry-After while the admitted ones finish; meanwhile the in-process
  // worker lets its running jobs finish, handing back whatever still runs when the grace is over.
  const [cutShort] = await Promise.all([app.drain(config.shutdownGraceMs), worker?.stop()]);
  if (cutShort > 0) {
    app.log.warn({ requests: cutShort }, 'grace period over: closing connections with requests in flight');
    app.server.closeAllConnections();
  }
  // Closes the listener, the event streams' listener and the pool (onClose hooks).
  await app.close();
  await redis?.quit();
  await database.embedded?.stop();
  return cutShort > 0 ? 1 : 0;
}

const config = loadConfigOrExit();
if (!config.databaseUrl) console.log('No DATABASE_URL: starting an embedded PostgreSQL server …');
const service = start(config);
// Installed before the start completes: a signal during it waits for it, then shuts down as usual,
// so an embedded server is never left behind by a half-started process.
exitGracefullyOn(
  async (signal) => {
    const running = await service;
    running.app.log.info({ signal }, 'shutting down: draining in-flight requests and running jobs');
    return stop(running, config);
  },
  (message, error) => console.error(message, error),
);
try {
  await service;
} catch (error) {
  // What a user can act on is one line; anything else is a bug and keeps its stack trace.
  if (!(error instanceof EmbeddedPostgresError)) throw error;
  console.error(error.message);
  process.exit(1);
}
