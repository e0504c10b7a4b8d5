/**
 * What every bench script shares: its options, the tools in bench/.work, a
 * fresh database on 127.0.0.1, pgbench and autocannon runs at the same
 * concurrency with CPU µs per request read from /proc, child servers, the
 * report table and the clean-up. Each script (list-endpoint.ts,
 * quota-spend.ts) adds its fixture, its targets and its ratios.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDatabase, dropDatabase } from '../../services/api/src/db/databases.ts';
import { migrate } from '../../services/api/src/db/migrate.ts';

export const BENCH_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const WORK_DIR = join(BENCH_DIR, '.work');
export const CONNECTIONS = 32;
/** Installed into bench/.work on first run; pinned so runs compare. */
const TOOLS: Record<string, string> = {
  '@platformatic/db': '3.67.0',
  autocannon: '9.0.0',
  // The Slonik driver on postgres.js (bench/lib/postgres-js-driver.ts) for the list endpoint's floors.
  postgres: '3.4.9',
};

export const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const duration = positiveInteger('BENCH_DURATION', 10);
export const warmup = positiveInteger('BENCH_WARMUP', 2);
/** How many times each target runs, interleaved with the others (see `interleaved`). */
export const rounds = positiveInteger('BENCH_ROUNDS', 1);

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 120)
    throw new Error(`${name} must be an integer 1..120`);
  return value;
}

export function log(message: string): void {
  console.log(`bench: ${message}`);
}

// ---------------------------------------------------------------------------
// Only ever 127.0.0.1.

export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host)) {
    throw new Error(`DATABASE_URL must point at this machine (127.0.0.1), not ${host}`);
  }
}

// ---------------------------------------------------------------------------
// Tools in bench/.work: autocannon and @platformatic/db, never project dependencies.

function installedVersion(name: string): string | null {
  try {
    return JSON.parse(readFileSync(join(WORK_DIR, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

export function ensureTools(): void {
  mkdirSync(WORK_DIR, { recursive: true });
  // @platformatic/db is the heavy one (minutes to install): left out when no target needs it.
  const wanted = Object.entries(TOOLS).filter(
    ([name]) => !(name === '@platformatic/db' && process.env.BENCH_SKIP_PLATFORMATIC === '1'),
  );
  const missing = wanted.filter(([name, version]) => installedVersion(name) !== version);
  if (missing.length === 0) return;
  log(
    `installing ${missing.map(([n, v]) => `${n}@${v}`).join(', ')} into bench/.work (first run only; a few minutes) …`,
  );
  const specs = wanted.map(([name, version]) => `${name}@${version}`);
  const result = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      WORK_DIR,
      '--save-exact',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...specs,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'], timeout: 15 * 60_000 },
  );
  if (result.status !== 0) throw new Error(`npm install into bench/.work failed (status ${result.status})`);
}

// ---------------------------------------------------------------------------
// The database: created fresh and migrated; dropped at the end unless BENCH_KEEP_DB=1.

let benchDatabase: string | null = null;
let admin: pg.Client | null = null;

/** A fresh, migrated database of that name; returns its URL. */
export async function freshDatabase(name: string): Promise<string> {
  benchDatabase = name;
  await dropDatabase(serverUrl, name);
  const databaseUrl = await createDatabase(serverUrl, name);
  await migrate(databaseUrl);
  return databaseUrl;
}

/** Runs fn with a superuser client on the database. */
export async function withClient<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Connects the client that finds the bench database's backends for the CPU samples. */
export async function connectAdmin(): Promise<void> {
  admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
}

// ---------------------------------------------------------------------------
// Measurements.

export interface Measurement {
  target: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  count: number;
  /** CPU per request in µs over the middle of the run: the server (or pgbench), PostgreSQL's backends, the load generator. */
  cpu: CpuPerRequest | null;
  note?: string;
}

// ---------------------------------------------------------------------------
// CPU per request: req/s on a shared 2-core machine moves with whatever else
// runs; CPU time per request, read from /proc over the middle of each run,
// moves far less and says where the time goes.

interface CpuPerRequest {
  server: number;
  postgres: number;
  loadGenerator: number | null;
}

interface CpuSample {
  server: number | null;
  backends: Map<number, number>;
  self: number;
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** user + system CPU of a live process in ms, null when /proc cannot tell. */
function processCpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

async function sampleCpu(serverPid: number | undefined): Promise<CpuSample> {
  const backends = new Map<number, number>();
  if (admin) {
    const { rows } = await admin.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1',
      [benchDatabase],
    );
    for (const { pid } of rows) {
      const ms = processCpuMs(pid);
      if (ms !== null) backends.set(pid, ms);
    }
  }
  const self = process.cpuUsage();
  return { server: processCpuMs(serverPid), backends, self: (self.user + self.system) / 1000 };
}

function cpuPerRequest(
  start: CpuSample,
  end: CpuSample,
  requests: number,
  loadGenerator: boolean,
): CpuPerRequest | null {
  if (start.server === null || end.server === null || requests === 0 || start.backends.size === 0)
    return null;
  let postgres = 0;
  for (const [pid, ms] of end.backends) {
    const before = start.backends.get(pid);
    if (before !== undefined) postgres += ms - before;
  }
  const perRequest = (ms: number) => (ms * 1000) / requests;
  return {
    server: perRequest(end.server - start.server),
    postgres: perRequest(postgres),
    loadGenerator: loadGenerator ? perRequest(end.self - start.self) : null,
  };
}

/** Samples CPU 1 s after the measured run starts and 1 s before it ends (the window), calling back at both ends. */
function cpuWindow(serverPid: () => number | undefined, onEdge: (inside: boolean) => void) {
  const margin = duration >= 4 ? 1000 : 200;
  let start: Promise<CpuSample> | null = null;
  let end: Promise<CpuSample> | null = null;
  const timers = [
    setTimeout(() => {
      start = sampleCpu(serverPid());
      void start.then(() => onEdge(true));
    }, margin),
    setTimeout(
      () => {
        onEdge(false);
        end = sampleCpu(serverPid());
      },
      duration * 1000 - margin,
    ),
  ];
  return {
    async result(requests: number, loadGenerator: boolean): Promise<CpuPerRequest | null> {
      for (const timer of timers) clearTimeout(timer);
      if (!start || !end) return null;
      return cpuPerRequest(await start, await end, requests, loadGenerator);
    },
  };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export interface PgbenchRun {
  target: string;
  databaseUrl: string;
  /** The transaction script's text, one pgbench script (`\set`, `BEGIN;` … as needed). */
  script: string;
  /** `-D name=value` variables the script reads as `:name`. */
  variables: Record<string, string>;
}

/** pgbench: 32 clients, 1 thread, prepared; tps from its summary, p50/p99 from the per-transaction log. */
export async function runPgbench(run: PgbenchRun): Promise<Measurement> {
  const scriptFile = join(WORK_DIR, `${run.target.replace(/\W+/g, '-')}.sql`);
  writeFileSync(scriptFile, run.script);
  const url = new URL(run.databaseUrl);
  const env = {
    ...process.env,
    PGHOST: url.hostname,
    PGPORT: url.port || '5432',
    PGUSER: decodeURIComponent(url.username || 'postgres'),
    PGDATABASE: decodeURIComponent(url.pathname.slice(1)),
    ...(url.password ? { PGPASSWORD: decodeURIComponent(url.password) } : {}),
  };
  const common = [
    '-n',
    '-M',
    'prepared',
    '-c',
    String(CONNECTIONS),
    '-j',
    '1',
    '-f',
    scriptFile,
    ...Object.entries(run.variables).flatMap(([name, value]) => ['-D', `${name}=${value}`]),
  ];
  const pgbench = (args: string[], seconds: number, onSpawn?: (pid: number | undefined) => void) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn('pgbench', [...common, '-T', String(seconds), ...args], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
      });
      child.stderr.on('data', (chunk) => {
        output += chunk;
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 30) * 1000);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`pgbench could not run: ${error.message} (apt-get install postgresql-client)`));
      });
      child.once('close', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve(output);
        else reject(new Error(`pgbench failed (${code}):\n${output}`));
      });
      onSpawn?.(child.pid);
    });
  await pgbench([], warmup);
  const logDir = join(WORK_DIR, 'pgbench-log');
  rmSync(logDir, { recursive: true, force: true });
  mkdirSync(logDir, { recursive: true });
  let pgbenchPid: number | undefined;
  const window = { from: 0, to: 0 };
  const cpu = cpuWindow(
    () => pgbenchPid,
    (inside) => {
      window[inside ? 'from' : 'to'] = Date.now() * 1000;
    },
  );
  const output = await pgbench(['-l', '--log-prefix', join(logDir, 'tx')], duration, (pid) => {
    pgbenchPid = pid;
  });
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1]);
  const failed = Number(/number of failed transactions: (\d+)/.exec(output)?.[1] ?? 0);
  if (!Number.isFinite(tps)) throw new Error(`could not read tps from pgbench:\n${output}`);
  // `client tx latency_us script epoch_s epoch_us` per line (one file per thread).
  const latencies: number[] = [];
  let inWindow = 0;
  for (const name of readdirSync(logDir)) {
    for (const line of readFileSync(join(logDir, name), 'utf8').split('\n')) {
      const fields = line.split(' ');
      if (fields.length < 6) continue;
      latencies.push(Number(fields[2]) / 1000);
      const at = Number(fields[4]) * 1e6 + Number(fields[5]);
      if (at >= window.from && at < window.to) inWindow++;
    }
  }
  const sorted = Float64Array.from(latencies).sort();
  return {
    target: run.target,
    requestsPerSecond: tps,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    count: sorted.length,
    cpu: await cpu.result(inWindow, false),
    note: failed ? `${failed} failed transactions` : undefined,
  };
}

interface AutocannonResult {
  start: Date;
  finish: Date;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}
interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
type Autocannon = (options: Record<string, unknown>) => AutocannonInstance;

const autocannon = (): Autocannon =>
  createRequire(join(WORK_DIR, 'package.json'))('autocannon') as Autocannon;

/**
 * autocannon on this (main) thread, 32 connections; exact p50/p99 from every
 * 2xx response's time. `request` adds autocannon options (method, body,
 * `requests` with a `setupRequest` for distinct requests); `expectedStatus`
 * also reports responses with another 2xx status.
 */
export async function load(
  target: string,
  url: string,
  headers: Record<string, string>,
  serverPid: number | undefined,
  request: Record<string, unknown> = {},
  expectedStatus?: number,
): Promise<Measurement> {
  const run = autocannon();
  const options = { url, headers, connections: CONNECTIONS, pipelining: 1, timeout: 10, ...request };
  await run({ ...options, duration: warmup });
  const latencies: number[] = [];
  let counting = false;
  let inWindow = 0;
  let unexpected = 0;
  const cpu = cpuWindow(
    () => serverPid,
    (inside) => {
      counting = inside;
    },
  );
  const instance = run({ ...options, duration });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) {
      latencies.push(ms);
      if (counting) inWindow++;
      if (expectedStatus !== undefined && status !== expectedStatus) unexpected++;
    }
  });
  const result = await instance;
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  const problems = [
    result.non2xx ? `${result.non2xx} non-2xx` : '',
    result.errors ? `${result.errors} errors` : '',
    result.timeouts ? `${result.timeouts} timeouts` : '',
    unexpected ? `${unexpected} not ${expectedStatus}` : '',
  ].filter(Boolean);
  return {
    target,
    requestsPerSecond: result['2xx'] / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    count: result['2xx'],
    cpu: await cpu.result(inWindow, true),
    note: problems.length ? problems.join(', ') : undefined,
  };
}

// ---------------------------------------------------------------------------
// Servers: each in its own process, started only for its own run.

export interface Child<T> {
  info: T;
  pid: number | undefined;
  stop(): Promise<void>;
}

const children = new Set<ReturnType<typeof spawn>>();

/** Starts bench/lib/<script> as a child; it reports itself ready with an IPC message (its info). */
export function startChild<T>(script: string, env: Record<string, string>): Promise<Child<T>> {
  const child = spawn(process.execPath, [join(BENCH_DIR, 'lib', script)], {
    env: { ...process.env, ...env },
    // stdout to /dev/null: the service logs every request at info, as in production, and that
    // cost belongs in the numbers, the lines do not belong in the report. Errors still reach stderr.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    children.delete(child);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${script} did not start within 60 s`));
    }, 60_000);
    child.once('message', (info) => {
      clearTimeout(timer);
      resolve({ info: info as T, pid: child.pid, stop });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready`));
    });
  });
}

// ---------------------------------------------------------------------------
// Rounds: on a shared 2-core machine a run's req/s moves ±25 % with whatever
// else runs, so targets take turns (round r starts at target r) and each
// reports the median of its rounds; a slow patch then lands on every target.

export interface Target {
  name: string;
  measure: () => Promise<Measurement>;
}

/** Runs every target once per round, rotating the order; the rounds of each target by name. */
export async function interleaved(targets: Target[], count = rounds): Promise<Map<string, Measurement[]>> {
  const runs = new Map<string, Measurement[]>(targets.map((target) => [target.name, []]));
  for (let round = 0; round < count; round++) {
    for (let i = 0; i < targets.length; i++) {
      const target = targets[(round + i) % targets.length]!;
      log(`round ${round + 1}/${count}: ${target.name} …`);
      runs.get(target.name)!.push(await target.measure());
    }
  }
  return runs;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One line for a target's rounds: the median of each number (a single round is itself). */
export function medianOf(runs: Measurement[]): Measurement {
  const first = runs[0]!;
  if (runs.length === 1) return first;
  const cpuRuns = runs.flatMap((run) => (run.cpu ? [run.cpu] : []));
  const loadGenerator = cpuRuns.flatMap((cpu) => (cpu.loadGenerator === null ? [] : [cpu.loadGenerator]));
  return {
    target: first.target,
    requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
    p50: median(runs.map((run) => run.p50)),
    p99: median(runs.map((run) => run.p99)),
    count: runs.reduce((sum, run) => sum + run.count, 0),
    cpu: cpuRuns.length
      ? {
          server: median(cpuRuns.map((cpu) => cpu.server)),
          postgres: median(cpuRuns.map((cpu) => cpu.postgres)),
          loadGenerator: loadGenerator.length ? median(loadGenerator) : null,
        }
      : null,
    note: [...new Set(runs.flatMap((run) => (run.note ? [run.note] : []))), `median of ${runs.length}`].join(
      '; ',
    ),
  };
}

/** Each round's throughput ratio service / baseline, in round order: how far one run can be trusted. */
export function roundRatios(service: Measurement[], baseline: Measurement[] | undefined): string {
  if (!baseline || service.length < 2) return '';
  return service.map((run, i) => fixed(run.requestsPerSecond / baseline[i]!.requestsPerSecond, 2)).join(', ');
}

// ---------------------------------------------------------------------------
// Report.

export function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

export function printTable(results: Measurement[]): void {
  const micros = (m: Measurement, pick: (cpu: CpuPerRequest) => number | null) => {
    const value = m.cpu ? pick(m.cpu) : null;
    return value === null ? '-' : fixed(value, 0);
  };
  const rows = [
    ['target', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'app CPU µs/req', 'PG CPU µs/req', 'loadgen µs/req'],
    ...results.map((m) => [
      m.target + (m.note ? ` [${m.note}]` : ''),
      fixed(m.requestsPerSecond, 0),
      fixed(m.p50, 2),
      fixed(m.p99, 2),
      String(m.count),
      micros(m, (cpu) => cpu.server),
      micros(m, (cpu) => cpu.postgres),
      micros(m, (cpu) => cpu.loadGenerator),
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ');
  console.log('');
  console.log(line(rows[0]!));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows.slice(1)) console.log(line(row));
  console.log('');
}

/** Prints the service's throughput as a ratio of a baseline's, against its target; asserts nothing. */
export function printRatio(
  service: Measurement,
  baseline: Measurement | undefined,
  name: string,
  target: number,
  targetText: string,
): void {
  if (!baseline) return;
  const ratio = service.requestsPerSecond / baseline.requestsPerSecond;
  const verdict = ratio >= target ? 'meets' : 'misses';
  console.log(
    `service / ${name}: throughput ${fixed(ratio, 2)}x (target ${targetText}: ${verdict}); ` +
      `latency p50 ${fixed(service.p50 / baseline.p50, 2)}x, p99 ${fixed(service.p99 / baseline.p99, 2)}x (lower is better)`,
  );
}

export function loadNote(): string {
  const [one] = loadavg();
  const cpus = availableParallelism();
  return `load average ${fixed(one!, 2)} on ${cpus} CPUs${one! > cpus / 2 ? ' — other work is running: req/s and latency are noisy, CPU µs/req less so' : ''}`;
}

/** Keeps the run's numbers in bench/.work/<name>.json. */
export function saveRun(name: string, run: Record<string, unknown>): void {
  writeFileSync(
    join(WORK_DIR, `${name}.json`),
    `${JSON.stringify({ at: new Date().toISOString(), connections: CONNECTIONS, duration, warmup, ...run }, null, 2)}\n`,
  );
}

// ---------------------------------------------------------------------------
// Running a script: a watchdog, clean-up on every exit, never a lingering process.

export async function cleanup(): Promise<void> {
  for (const child of children) child.kill('SIGKILL');
  await admin?.end().catch(() => {});
  admin = null;
  if (benchDatabase && process.env.BENCH_KEEP_DB !== '1') {
    await dropDatabase(serverUrl, benchDatabase).catch((error) =>
      console.error(`bench: could not drop ${benchDatabase}: ${error}`),
    );
  }
}

/** Runs main with a watchdog of `targets` runs' worth of time, then cleans up and exits. */
export async function runBench(targets: number, main: () => Promise<void>): Promise<never> {
  process.once('SIGINT', () => {
    void cleanup().finally(() => process.exit(130));
  });
  const budgetMs = (targets * (warmup + duration) + 180) * 1000;
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${budgetMs / 1000} s, giving up`);
    void cleanup().finally(() => process.exit(2));
  }, budgetMs);
  watchdog.unref();
  try {
    assertLoopback(serverUrl);
    ensureTools();
    await main();
  } catch (error) {
    console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
    process.exitCode = 1;
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
  // Lingering keep-alive sockets or timers must not hold the run open.
  process.exit();
}
