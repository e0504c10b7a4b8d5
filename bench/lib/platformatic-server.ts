/**
 * Child process of bench/list-endpoint.ts: @platformatic/db (installed into
 * bench/.work at run time, never a project dependency) serving the same
 * database's `platform` schema over its generated REST API, on a free
 * 127.0.0.1 port. Reports its URL over IPC; stops on SIGTERM or when the
 * parent goes away.
 *
 * Platformatic connects as the URL's user (the superuser), so row-level
 * security does not apply. Like the service, it authenticates every request:
 * a JWT signed with PLATFORMATIC_JWT_SECRET (HS256, verified by @fastify/jwt),
 * and its one authorization rule lets the `tenant` role list API keys only
 * where `accountId` is the token's `X-PLATFORMATIC-USER-ID` (Platformatic DB
 * docs, Authorization: rules and `checks`); any other caller is refused.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface PlatformaticApp {
  config: { server: { hostname?: string } };
  serverConfig: { hostname?: string };
  init(): Promise<void>;
  start(options: { listen: boolean }): Promise<string>;
  stop(): Promise<void>;
}
interface PlatformaticDb {
  create(root: string, config: Record<string, unknown>): Promise<PlatformaticApp>;
}

const workDir = process.env.BENCH_WORK_DIR;
const connectionString = process.env.DATABASE_URL;
const jwtSecret = process.env.PLATFORMATIC_JWT_SECRET;
if (!workDir || !connectionString || !jwtSecret)
  throw new Error(
    'platformatic-server: BENCH_WORK_DIR, DATABASE_URL and PLATFORMATIC_JWT_SECRET are required',
  );

const entry = pathToFileURL(join(workDir, 'node_modules', '@platformatic', 'db', 'index.js')).href;
const { create } = (await import(entry)) as PlatformaticDb;

const app = await create(workDir, {
  server: { hostname: '127.0.0.1', port: 0, logger: { level: process.env.LOG_LEVEL ?? 'silent' } },
  db: {
    connectionString,
    schema: ['platform'],
    // The service's pool size (DATABASE_POOL_SIZE default), for a like-for-like comparison.
    poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    openapi: true,
    graphql: false,
  },
  authorization: {
    jwt: { secret: jwtSecret },
    rules: [
      {
        role: 'tenant',
        entity: 'platformApiKey',
        find: { checks: { accountId: 'X-PLATFORMATIC-USER-ID' } },
        save: false,
        delete: false,
      },
    ],
  },
});
// Platformatic forces 0.0.0.0 when it detects a container (service/index.js, isDocker): bind loopback only.
app.config.server.hostname = '127.0.0.1';
app.serverConfig.hostname = '127.0.0.1';
await app.init();
const url = await app.start({ listen: true });
if (new URL(url).hostname !== '127.0.0.1') {
  await app.stop();
  throw new Error(`platformatic-server: listening on ${url}, not 127.0.0.1`);
}

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await app.stop();
  process.exit(0);
}
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
process.once('disconnect', () => void stop());

process.send?.({ url });
