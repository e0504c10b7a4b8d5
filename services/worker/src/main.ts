/**
 * services/worker (`npm start -w @yorozu/worker`): runs jobs apart from the
 * API, so the two scale separately (run the API with WORKER_CONCURRENCY=0
 * then). It runs the API package's composition root: the same configuration
 * gives the same engines (file store, generators) and handlers as the API's
 * in-process worker (docs/architecture.md, Composition root). Needs DATABASE_URL, already migrated by the API; the
 * embedded server of a bare `npm start` belongs to that process, whose API
 * runs a worker in process anyway.
 */
import { ConfigError, createEngines, exitGracefullyOn, loadConfig, startWorker } from '@yorozu/api';
import pino from 'pino';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  fail(error.message);
}
if (!config.databaseUrl)
  fail('services/worker needs DATABASE_URL (`npm start` alone runs a worker in process).');
if (config.workerConcurrency === 0) fail('WORKER_CONCURRENCY=0: this worker would run nothing.');

const log = pino({ level: config.logLevel });
const runner = await startWorker({
  config,
  databaseUrl: config.databaseUrl,
  engines: createEngines(config),
  log,
});
log.info({ concurrency: config.workerConcurrency, engines: config.engines }, 'worker running');

// Running jobs get SHUTDOWN_GRACE_MS to finish; what still runs then is handed back to the queue.
exitGracefullyOn(
  async (signal) => {
    log.info({ signal }, 'shutting down: finishing or handing back running jobs');
    await runner.stop();
    return 0;
  },
  (message, error) => log.error({ err: error }, message),
);
