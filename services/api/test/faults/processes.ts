/**
 * The fault suite's real processes: the API (`src/main.ts`, as `npm start`
 * runs it) and services/worker, started with short timeouts, signalled, and
 * awaited by exit code. Every process a test starts is killed after the
 * file if it is still running.
 *
 * Each file works on a database of its own (`faultDatabase()`): the job
 * queue is per database, and the workers of other test files must not take
 * (or sweep) the jobs whose workers a fault test kills.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll } from 'vitest';
import { ownDatabase } from '../harness.ts';

const SCRIPTS = {
  api: fileURLToPath(new URL('../../src/main.ts', import.meta.url)),
  worker: fileURLToPath(new URL('../../../worker/src/main.ts', import.meta.url)),
};

export interface ServiceProcess {
  child: ChildProcess;
  /** Everything it wrote so far, stdout and stderr. */
  output(): string;
  /** Resolves with the exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** Resolves with the first match of `pattern` in its output. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

const started = new Set<ChildProcess>();
const connections = new Set<pg.Client>();

async function cleanUp() {
  for (const child of started)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all([...connections].map((client) => client.end()));
  connections.clear();
}

/** A fresh, migrated database on the run's server, dropped after the file (once its processes and connections are gone). */
export async function faultDatabase(): Promise<string> {
  const databaseUrl = await ownDatabase();
  // Registered after the drop, so it runs first (after-hooks run as a stack): no process of
  // this file still holds a connection when its database is dropped.
  afterAll(cleanUp);
  return databaseUrl;
}

export function spawnService(
  kind: keyof typeof SCRIPTS,
  databaseUrl: string,
  env: Record<string, string>,
): ServiceProcess {
  const { REDIS_URL: _redis, ...inherited } = process.env;
  const child = spawn(process.execPath, [SCRIPTS[kind]], {
    env: {
      ...inherited,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  let output = '';
  const listeners = new Set<() => void>();
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      output += chunk;
      for (const listener of listeners) listener();
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    waitFor: (pattern, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (!match) return;
          done();
          resolve(match);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no ${pattern} from the ${kind} within ${timeoutMs} ms:\n${output}`));
        }, timeoutMs);
        const onExit = () => {
          done();
          reject(new Error(`the ${kind} exited before ${pattern}:\n${output}`));
        };
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', onExit);
        };
        listeners.add(check);
        child.once('exit', onExit);
        check();
      }),
  };
}

/** The API on the test database; resolves once it listens, with its base URL. */
export async function startApiProcess(
  databaseUrl: string,
  env: Record<string, string> = {},
  timeoutMs?: number,
) {
  const api = spawnService('api', databaseUrl, { WORKER_CONCURRENCY: '0', ...env });
  const [, baseUrl] = await api.waitFor(/listening on (http:\/\/\S+)/, timeoutMs);
  return { ...api, baseUrl: baseUrl as string };
}

/** services/worker on the test database; resolves once it takes jobs. */
export async function startWorkerProcess(
  databaseUrl: string,
  env: Record<string, string> = {},
  timeoutMs?: number,
) {
  const worker = spawnService('worker', databaseUrl, { LOG_LEVEL: 'info', ...env });
  await worker.waitFor(/worker running/, timeoutMs);
  return worker;
}

/** Resolves with the exit code, or rejects when the process is still running after `timeoutMs`. */
export function exitWithin(service: ServiceProcess, timeoutMs: number): Promise<number | null> {
  return Promise.race([
    service.exited,
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`still running ${timeoutMs} ms later:\n${service.output()}`)),
        timeoutMs,
      ),
    ),
  ]);
}

/**
 * A connection of the test's own (as the URL's superuser), to hold row locks
 * that keep a request or a job waiting. Closed after the file.
 */
export async function lockingConnection(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  connections.add(client);
  return client;
}

/**
 * Resolves once `count` statements of other sessions wait for the
 * transaction open on `locker` (held requests or jobs have reached the locked rows).
 */
export async function waitForLockWaiters(locker: pg.Client, count = 1, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await locker.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_locks
       WHERE NOT granted AND locktype = 'transactionid' AND transactionid = pg_current_xact_id()::xid`,
    );
    if ((rows[0]?.waiting ?? 0) >= count) return;
    if (Date.now() > deadline) throw new Error(`nothing waited for the lock within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
