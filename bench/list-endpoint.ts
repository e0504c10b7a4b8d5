/**
 * Benchmarks the authenticated, RLS-scoped list endpoint `GET /v1/api-keys?limit=20`
 * against (a) raw PostgreSQL running the same keyset SQL (pgbench, prepared)
 * and (b) @platformatic/db serving the same table's cursor list, at the same
 * concurrency: 32 connections, the load generator on one thread.
 *
 *   node bench/list-endpoint.ts        (from the repository root, with its Node 24)
 *
 * Environment: DATABASE_URL (a 127.0.0.1 server, default
 * postgres://postgres@127.0.0.1:5432/postgres; its user must be a superuser),
 * BENCH_DURATION (seconds per target, default 10), BENCH_WARMUP (default 2),
 * BENCH_AUTH (`api-key`, the default, or `jwt`), BENCH_KEEP_DB=1 to keep the
 * `yorozu_bench` database, BENCH_SKIP_PLATFORMATIC=1 to measure (a) only.
 *
 * It prints the table and the ratios; it asserts none of them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDatabase, dropDatabase } from '../services/api/src/db/databases.ts';
import { migrate } from '../services/api/src/db/migrate.ts';
import { API_KEY_PREFIX, hashSecret } from '../services/api/src/kernel/auth/secrets.ts';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const WORK_DIR = join(BENCH_DIR, '.work');
const DATABASE_NAME = 'yorozu_bench';
const CONNECTIONS = 32;
const PAGE = 20;
const ACCOUNTS = 1_000;
const KEYS_PER_ACCOUNT = 100;
/** Installed into bench/.work on first run; pinned so runs compare. */
const TOOLS: Record<string, string> = { '@platformatic/db': '3.67.0', autocannon: '9.0.0' };
const TARGETS = { throughputVsPgbench: 0.3, throughputVsPlatformatic: 1.5 };

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const duration = positiveInteger('BENCH_DURATION', 10);
const warmup = positiveInteger('BENCH_WARMUP', 2);
const authMode = process.env.BENCH_AUTH === 'jwt' ? 'jwt' : 'api-key';
const skipPlatformatic = process.env.BENCH_SKIP_PLATFORMATIC === '1';

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 120)
    throw new Error(`${name} must be an integer 1..120`);
  return value;
}

function log(message: string): void {
  console.log(`bench: ${message}`);
}

// ---------------------------------------------------------------------------
// Only ever 127.0.0.1.

function assertLoopback(url: string): void {
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

function ensureTools(): void {
  mkdirSync(WORK_DIR, { recursive: true });
  const missing = Object.entries(TOOLS).filter(([name, version]) => installedVersion(name) !== version);
  if (missing.length === 0) return;
  log(
    `installing ${missing.map(([n, v]) => `${n}@${v}`).join(', ')} into bench/.work (first run only; a few minutes) …`,
  );
  const specs = Object.entries(TOOLS).map(([name, version]) => `${name}@${version}`);
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
// Data: a fresh database, the service's migrations, 1 000 accounts × 100 keys.

interface Fixture {
  databaseUrl: string;
  accountId: string;
  apiKey: string;
  /** The first page's ids, newest first, straight from SQL. */
  expectedIds: string[];
}

const SEED_SQL = `
INSERT INTO platform.accounts (id, email, password_hash, name, created_at)
SELECT gen_random_uuid(), format('bench-%s@example.com', a), 'not-a-password-hash', format('Bench account %s', a),
       timestamptz '2026-01-01 00:00:00+00'
FROM generate_series(1, ${ACCOUNTS}) AS a;

-- Keys are created over time across accounts, so one account's rows are spread over the heap.
INSERT INTO platform.api_keys (account_id, name, prefix, secret_hash, scopes, created_at, last_used_at, revoked_at)
SELECT acc.id,
       format('key %s', k),
       'yz_' || substr(md5(acc.id::text || k), 1, 4),
       digest(acc.id::text || ':' || k, 'sha256'),
       CASE WHEN k % 2 = 0 THEN ARRAY['me:read', 'api-keys:read'] ELSE ARRAY['me:read', 'me:write', 'api-keys:read', 'api-keys:write'] END,
       timestamptz '2026-01-01 00:00:00+00' + k * interval '1 hour' + random() * interval '1 minute',
       CASE WHEN k % 3 = 0 THEN timestamptz '2026-06-01 00:00:00+00' + random() * interval '1 day' END,
       CASE WHEN k % 10 = 0 THEN timestamptz '2026-07-01 00:00:00+00' + random() * interval '1 day' END
FROM generate_series(1, ${KEYS_PER_ACCOUNT}) AS k
CROSS JOIN platform.accounts AS acc
ORDER BY k, acc.id;
`;

/** The keyset SQL the service runs for a first page (src/modules/api-keys/queries.ts), LIMIT page + 1. */
const KEYSET_SQL = `SELECT id, name, prefix, scopes, created_at, last_used_at, revoked_at FROM platform.api_keys WHERE account_id = :acct ORDER BY created_at DESC, id DESC LIMIT ${PAGE + 1}`;

async function prepareFixture(): Promise<Fixture> {
  databaseCreated = true;
  await dropDatabase(serverUrl, DATABASE_NAME);
  const databaseUrl = await createDatabase(serverUrl, DATABASE_NAME);
  await migrate(databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = performance.now();
    await client.query(SEED_SQL);
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM platform.accounts WHERE email = 'bench-${ACCOUNTS / 2}@example.com'`,
    );
    const accountId = rows[0]!.id;
    // The caller's own key is the account's oldest row (name 'key 1'): still 100 keys for the account.
    const apiKey = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    await client.query(
      `UPDATE platform.api_keys SET secret_hash = $1, scopes = ARRAY['me:read', 'api-keys:read'], revoked_at = NULL
       WHERE account_id = $2 AND name = 'key 1'`,
      [hashSecret(apiKey), accountId],
    );
    await client.query('VACUUM ANALYZE platform.accounts, platform.api_keys');
    const counts = await client.query<{ keys: string; accounts: string }>(
      'SELECT (SELECT count(*) FROM platform.api_keys) AS keys, (SELECT count(*) FROM platform.accounts) AS accounts',
    );
    const expected = await client.query<{ id: string }>(KEYSET_SQL.replace(':acct', '$1'), [accountId]);
    log(
      `seeded ${counts.rows[0]!.keys} api_keys over ${counts.rows[0]!.accounts} accounts in ${Math.round(performance.now() - started)} ms`,
    );
    return { databaseUrl, accountId, apiKey, expectedIds: expected.rows.slice(0, PAGE).map((row) => row.id) };
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------
// Measurements.

interface Measurement {
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

let admin: pg.Client | null = null;

async function sampleCpu(serverPid: number | undefined): Promise<CpuSample> {
  const backends = new Map<number, number>();
  if (admin) {
    const { rows } = await admin.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1',
      [DATABASE_NAME],
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

/** pgbench: 32 clients, 1 thread, prepared; tps from its summary, p50/p99 from the per-transaction log. */
async function runPgbench(fixture: Fixture): Promise<Measurement> {
  const script = join(WORK_DIR, 'keyset.sql');
  writeFileSync(script, `${KEYSET_SQL};\n`);
  const url = new URL(fixture.databaseUrl);
  const env = {
    ...process.env,
    PGHOST: url.hostname,
    PGPORT: url.port || '5432',
    PGUSER: decodeURIComponent(url.username || 'postgres'),
    PGDATABASE: DATABASE_NAME,
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
    script,
    '-D',
    `acct=${fixture.accountId}`,
  ];
  const run = (args: string[], seconds: number, onSpawn?: (pid: number | undefined) => void) =>
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
  await run([], warmup);
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
  const output = await run(['-l', '--log-prefix', join(logDir, 'tx')], duration, (pid) => {
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
    target: 'pgbench: keyset SQL, -M prepared',
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

/** autocannon on this (main) thread, 32 connections; exact p50/p99 from every 2xx response's time. */
async function load(
  target: string,
  url: string,
  headers: Record<string, string>,
  serverPid: number | undefined,
): Promise<Measurement> {
  const run = autocannon();
  const options = { url, headers, connections: CONNECTIONS, pipelining: 1, timeout: 10 };
  await run({ ...options, duration: warmup });
  const latencies: number[] = [];
  let counting = false;
  let inWindow = 0;
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
    }
  });
  const result = await instance;
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  const problems = [
    result.non2xx ? `${result.non2xx} non-2xx` : '',
    result.errors ? `${result.errors} errors` : '',
    result.timeouts ? `${result.timeouts} timeouts` : '',
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

interface Child<T> {
  info: T;
  pid: number | undefined;
  stop(): Promise<void>;
}

const children = new Set<ReturnType<typeof spawn>>();

function startChild<T>(script: string, env: Record<string, string>): Promise<Child<T>> {
  const child = spawn(process.execPath, [join(BENCH_DIR, 'lib', script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
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

interface FirstPage {
  ids: string[];
  /** The list's way to the next page: `nextCursor` in the body, or platformatic's `X-Start-After` header. */
  cursor: string | null;
}

async function firstPage(url: string, headers: Record<string, string>): Promise<FirstPage> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`GET ${url} → ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as
    | { data: { id: string }[]; nextCursor: string | null }
    | { id: string }[];
  if (Array.isArray(body))
    return { ids: body.map((row) => row.id), cursor: response.headers.get('x-start-after') };
  return { ids: body.data.map((row) => row.id), cursor: body.nextCursor };
}

/** Every target must serve the same 20 rows as the SQL, and a cursor to the next page. */
function checkFirstPage(target: string, page: FirstPage, expected: string[]): void {
  const { ids } = page;
  if (ids.length !== expected.length || ids.some((id, i) => id !== expected[i])) {
    throw new Error(
      `${target} returned another first page than the SQL (${ids.length} rows, first ${ids[0]}; expected ${expected[0]})`,
    );
  }
  if (!page.cursor) throw new Error(`${target} returned no cursor to the next page`);
}

async function measureService(fixture: Fixture): Promise<Measurement> {
  const server = await startChild<{ url: string; accessToken: string | null; poolSize: number }>(
    'api-server.ts',
    {
      DATABASE_URL: fixture.databaseUrl,
      BENCH_ACCOUNT_ID: fixture.accountId,
    },
  );
  try {
    const credential = authMode === 'jwt' ? server.info.accessToken! : fixture.apiKey;
    const headers = { authorization: `Bearer ${credential}` };
    const url = `${server.info.url}/v1/api-keys?limit=${PAGE}`;
    checkFirstPage('the service', await firstPage(url, headers), fixture.expectedIds);
    log(
      `service at ${server.info.url} (pool ${server.info.poolSize}, ${authMode} auth): first page and cursor match the SQL`,
    );
    return await load(`service: GET /v1/api-keys (${authMode}, RLS)`, url, headers, server.pid);
  } finally {
    await server.stop();
  }
}

async function measurePlatformatic(fixture: Fixture): Promise<Measurement> {
  const server = await startChild<{ url: string }>('platformatic-server.ts', {
    DATABASE_URL: fixture.databaseUrl,
    BENCH_WORK_DIR: WORK_DIR,
  });
  try {
    // The cursor list: filter by account, newest first with the id as tie-breaker, 20 rows, cursor headers on.
    const query = new URLSearchParams({
      limit: String(PAGE),
      cursor: 'true',
      'where.accountId.eq': fixture.accountId,
      'orderby.createdAt': 'desc',
      'orderby.id': 'desc',
      fields: 'id,name,prefix,scopes,createdAt,lastUsedAt,revokedAt',
    });
    const url = `${server.info.url}/platformApiKeys/?${query}`;
    // Also catches a silently ignored filter (DESIGN.md, Known gotchas): other accounts' keys would show.
    checkFirstPage('@platformatic/db', await firstPage(url, {}), fixture.expectedIds);
    log(`@platformatic/db at ${server.info.url}: first page and cursor match the SQL`);
    return await load('@platformatic/db: GET /platformApiKeys (cursor)', url, {}, server.pid);
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------
// Report.

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

function printReport(
  results: Measurement[],
  service: Measurement | undefined,
  platformaticError: string | null,
): void {
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
  if (!service) return;
  const compare = (baseline: Measurement | undefined, name: string, target: number, targetText: string) => {
    if (!baseline) return;
    const ratio = service.requestsPerSecond / baseline.requestsPerSecond;
    const verdict = ratio >= target ? 'meets' : 'misses';
    console.log(
      `service / ${name}: throughput ${fixed(ratio, 2)}x (target ${targetText}: ${verdict}); ` +
        `latency p50 ${fixed(service.p50 / baseline.p50, 2)}x, p99 ${fixed(service.p99 / baseline.p99, 2)}x (lower is better)`,
    );
  };
  compare(
    results.find((m) => m.target.startsWith('pgbench')),
    'pgbench',
    TARGETS.throughputVsPgbench,
    `>= ${TARGETS.throughputVsPgbench.toFixed(2)}`,
  );
  compare(
    results.find((m) => m.target.startsWith('@platformatic')),
    'platformatic',
    TARGETS.throughputVsPlatformatic,
    `>= ${TARGETS.throughputVsPlatformatic.toFixed(1)}x`,
  );
  if (platformaticError) console.log(`service / platformatic: not measured (${platformaticError})`);
}

function loadNote(): string {
  const [one] = loadavg();
  const cpus = availableParallelism();
  return `load average ${fixed(one!, 2)} on ${cpus} CPUs${one! > cpus / 2 ? ' — other work is running: req/s and latency are noisy, CPU µs/req less so' : ''}`;
}

// ---------------------------------------------------------------------------

async function main(): Promise<void> {
  assertLoopback(serverUrl);
  ensureTools();
  const budgetMs = (3 * (warmup + duration) + 180) * 1000;
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${budgetMs / 1000} s, giving up`);
    void cleanup().finally(() => process.exit(2));
  }, budgetMs);
  watchdog.unref();

  log(
    `${CONNECTIONS} connections, load generator on 1 thread, ${warmup} s warm-up + ${duration} s per target; ` +
      `database ${DATABASE_NAME} on ${new URL(serverUrl).host}; ${loadNote()}`,
  );
  const fixture = await prepareFixture();
  admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();

  const results: Measurement[] = [];
  log('measuring pgbench …');
  results.push(await runPgbench(fixture));
  log('measuring the service …');
  const service = await measureService(fixture);
  results.push(service);
  let platformaticError: string | null = null;
  if (skipPlatformatic) {
    platformaticError = 'BENCH_SKIP_PLATFORMATIC=1';
  } else {
    log('measuring @platformatic/db …');
    try {
      results.push(await measurePlatformatic(fixture));
    } catch (error) {
      platformaticError = error instanceof Error ? error.message : String(error);
      console.error(`bench: @platformatic/db could not be measured: ${platformaticError}`);
    }
  }

  printReport(results, service, platformaticError);
  console.log(
    [
      'Notes: pgbench and @platformatic/db connect as the superuser (no RLS) and filter on account_id; the service',
      'authenticates every request, binds the account (SET LOCAL, RLS) in a transaction as yorozu_app and returns',
      '{ data, nextCursor }. Latency ratios are service / baseline. CPU µs/req is read from /proc over the middle of',
      `each run: app = the Node server (pgbench's own process for pgbench), PG = that target's backends. Now: ${loadNote()}.`,
    ].join('\n'),
  );
  writeFileSync(
    join(WORK_DIR, 'last-run.json'),
    `${JSON.stringify({ at: new Date().toISOString(), connections: CONNECTIONS, duration, warmup, authMode, results }, null, 2)}\n`,
  );
  clearTimeout(watchdog);
}

let databaseCreated = false;

async function cleanup(): Promise<void> {
  for (const child of children) child.kill('SIGKILL');
  await admin?.end().catch(() => {});
  admin = null;
  if (databaseCreated && process.env.BENCH_KEEP_DB !== '1') {
    await dropDatabase(serverUrl, DATABASE_NAME).catch((error) =>
      console.error(`bench: could not drop ${DATABASE_NAME}: ${error}`),
    );
  }
}

process.once('SIGINT', () => {
  void cleanup().finally(() => process.exit(130));
});

try {
  await main();
} catch (error) {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
// Lingering keep-alive sockets or timers must not hold the run open.
process.exit();
