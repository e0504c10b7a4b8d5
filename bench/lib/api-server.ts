/**
 * Child process of the benchmarks: the real service, built and served
 * the way src/main.ts does it (buildApp on a Slonik pool as `yorozu_app`, RLS),
 * minus the demo seed, on a free 127.0.0.1 port; with BENCH_WORKER=1 it also
 * runs the job worker in process, as `npm start` does; with BENCH_KNOWN_CALLERS=off it predicts
 * no caller (every read looks its credential up first). Reports its URL (and an
 * access token for BENCH_ACCOUNT_ID, for `BENCH_AUTH=jwt`) over IPC; stops on
 * SIGTERM or when the parent goes away.
 */
// As src/main.ts: V8 flags first (services/api/src/runtime-flags.ts).
import '../../services/api/src/runtime-flags.ts';
import { buildApp } from '../../services/api/src/app.ts';
import { createEngines } from '../../services/api/src/composition.ts';
import { loadConfig } from '../../services/api/src/config.ts';
import { createDatabasePool } from '../../services/api/src/db/pool.ts';
import { startWorker } from '../../services/api/src/jobs.ts';

const config = loadConfig({
  ...process.env,
  HOST: '127.0.0.1',
  PORT: '0',
  // As `npm start` runs it: pino at info (its stdout is /dev/null here, see startChild).
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  // The limiter still runs on every request; it just never trips.
  RATE_LIMIT_PER_MINUTE: '1000000000',
});
if (!config.databaseUrl) throw new Error('api-server: DATABASE_URL is required');

const pool = await createDatabasePool({
  databaseUrl: config.databaseUrl,
  maximumPoolSize: config.databasePoolSize,
});
const engines = createEngines(config);
const app = await buildApp({ config, pool, engines });
// The list bench's comparison line: the same service with no caller predicted, so every read
// looks its credential up first (docs/architecture.md, Round trips).
if (process.env.BENCH_KNOWN_CALLERS === 'off') app.knownCallers.get = () => null;
const url = await app.listen({ host: config.host, port: config.port });
const worker =
  process.env.BENCH_WORKER === '1'
    ? await startWorker({ config, databaseUrl: config.databaseUrl, engines, log: app.log })
    : null;
const accountId = process.env.BENCH_ACCOUNT_ID;
const accessToken = accountId ? await app.accessTokens.issue(accountId) : null;

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await app.close();
  await worker?.stop();
  process.exit(0);
}
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
process.once('disconnect', () => void stop());

process.send?.({ url, accessToken, poolSize: config.databasePoolSize });
