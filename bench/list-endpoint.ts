/**
 * Benchmarks the authenticated, RLS-scoped list endpoint `GET /v1/api-keys?limit=20`
 * against (a) raw PostgreSQL running the same keyset SQL (pgbench, prepared),
 * the floor of this stack (bare Fastify + node-postgres running the service's
 * own one statement with the same API key: bench/lib/floor-server.ts; also run by
 * Slonik on its pg driver and on postgres.js, bench/lib/postgres-js-driver.ts) and
 * (b) @platformatic/db serving the same table's cursor list, at the same
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
import { createHmac, randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { API_KEY_PREFIX, hashSecret } from '../services/api/src/kernel/auth/secrets.ts';
import { logLoadSettings } from './lib/fixtures.ts';
import {
  connectAdmin,
  fixed,
  freshDatabase,
  interleaved,
  load,
  loadNote,
  log,
  type Measurement,
  medianOf,
  printRatio,
  printTable,
  roundRatios,
  rounds,
  runBench,
  runPgbench,
  saveRun,
  startChild,
  type Target,
  WORK_DIR,
  withClient,
} from './lib/harness.ts';

const DATABASE_NAME = 'yorozu_bench';
const PAGE = 20;
const ACCOUNTS = 1_000;
const KEYS_PER_ACCOUNT = 100;
const TARGETS = {
  throughputVsPgbench: 0.3,
  throughputVsPlatformatic: 1.5,
  throughputVsFloor: 0.85,
  nodeMicros: 600,
  postgresMicros: 400,
  tailRatio: 3,
};

const authMode = process.env.BENCH_AUTH === 'jwt' ? 'jwt' : 'api-key';
const skipPlatformatic = process.env.BENCH_SKIP_PLATFORMATIC === '1';

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
  const databaseUrl = await freshDatabase(DATABASE_NAME);
  return withClient(databaseUrl, async (client) => {
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
  });
}

/** pgbench running the service's keyset SQL (src/modules/api-keys/queries.ts) as the superuser. */
function runKeysetPgbench(fixture: Fixture): Promise<Measurement> {
  return runPgbench({
    target: 'pgbench: keyset SQL, -M prepared',
    databaseUrl: fixture.databaseUrl,
    script: `${KEYSET_SQL};\n`,
    variables: { acct: fixture.accountId },
  });
}

// ---------------------------------------------------------------------------
// Servers: the service and @platformatic/db, each in its own process.

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

/** A server started once and measured once per round. */
interface Started {
  name: string;
  measure: () => Promise<Measurement>;
  stop: () => Promise<void>;
}

async function startService(fixture: Fixture): Promise<Started> {
  const server = await startChild<{ url: string; accessToken: string | null; poolSize: number }>(
    'api-server.ts',
    {
      DATABASE_URL: fixture.databaseUrl,
      BENCH_ACCOUNT_ID: fixture.accountId,
    },
  );
  const credential = authMode === 'jwt' ? server.info.accessToken! : fixture.apiKey;
  const headers = { authorization: `Bearer ${credential}` };
  const url = `${server.info.url}/v1/api-keys?limit=${PAGE}`;
  checkFirstPage('the service', await firstPage(url, headers), fixture.expectedIds);
  log(
    `service at ${server.info.url} (pool ${server.info.poolSize}, ${authMode} auth): first page and cursor match the SQL`,
  );
  const name = `service: GET /v1/api-keys (${authMode}, RLS)`;
  return { name, measure: () => load(name, url, headers, server.pid), stop: () => server.stop() };
}

/**
 * Two API processes on the same database, the load spread over both (autocannon splits its
 * connections between the two URLs, as a round-robin balancer would). On this 2-core machine,
 * shared with PostgreSQL and the load generator, expect little; the line is there so the
 * README's "scale the API out" has a number next to it. CPU per request is left out: it would
 * be the sum of two processes.
 */
async function startTwoProcesses(fixture: Fixture): Promise<Started> {
  const env = { DATABASE_URL: fixture.databaseUrl, BENCH_ACCOUNT_ID: fixture.accountId };
  const servers = await Promise.all([
    startChild<{ url: string }>('api-server.ts', env),
    startChild<{ url: string }>('api-server.ts', env),
  ]);
  const headers = { authorization: `Bearer ${fixture.apiKey}` };
  const urls = servers.map((server) => `${server.info.url}/v1/api-keys?limit=${PAGE}`);
  for (const url of urls)
    checkFirstPage('the second process', await firstPage(url, headers), fixture.expectedIds);
  const name = 'service, 2 API processes (api-key, RLS)';
  return {
    name,
    measure: () => load(name, urls[0]!, headers, undefined, { url: urls }),
    stop: async () => {
      await Promise.all(servers.map((server) => server.stop()));
    },
  };
}

/** A read through the ordinary stages, with the caller known (one round trip) or looked up (three). */
const STAGED_READS = {
  known: 'service: GET /v1/me (stages, caller known)',
  lookup: 'service: GET /v1/me (stages, caller looked up)',
} as const;

/**
 * `GET /v1/me`, a read that runs through the ordinary stages (not a one-statement read): with
 * the API key known to the process, its binding and query go in one write and its read-only
 * COMMIT is not waited for (docs/architecture.md, Round trips); with `BENCH_KNOWN_CALLERS=off`
 * (bench/lib/api-server.ts) the same service looks the key up first, as for a caller it has not
 * seen in the last minute.
 */
async function startStagedRead(fixture: Fixture, caller: keyof typeof STAGED_READS): Promise<Started> {
  const server = await startChild<{ url: string }>('api-server.ts', {
    DATABASE_URL: fixture.databaseUrl,
    BENCH_ACCOUNT_ID: fixture.accountId,
    ...(caller === 'lookup' ? { BENCH_KNOWN_CALLERS: 'off' } : {}),
  });
  const headers = { authorization: `Bearer ${fixture.apiKey}` };
  const url = `${server.info.url}/v1/me`;
  const me = await fetch(url, { headers });
  const body = (await me.json()) as { id?: string };
  if (me.status !== 200 || body.id !== fixture.accountId)
    throw new Error(`GET /v1/me answered ${me.status} for another account than the fixture's`);
  const name = STAGED_READS[caller];
  return { name, measure: () => load(name, url, headers, server.pid), stop: () => server.stop() };
}

/** What runs the floor's one statement (bench/lib/floor-server.ts, BENCH_FLOOR_DRIVER). */
const FLOORS = {
  pg: 'floor: bare Fastify + pg, same auth and statement',
  'slonik-pg': 'floor: bare Fastify + Slonik (pg driver)',
  'slonik-postgres-js': 'floor: bare Fastify + Slonik (postgres.js driver)',
} as const;
type FloorDriver = keyof typeof FLOORS;

/**
 * A floor: bare Fastify, the same API key and the same one statement (bench/lib/floor-server.ts),
 * run by node-postgres alone or by Slonik on its pg driver or on postgres.js
 * (bench/lib/postgres-js-driver.ts).
 */
async function startFloor(fixture: Fixture, driver: FloorDriver): Promise<Started> {
  const server = await startChild<{ url: string }>('floor-server.ts', {
    DATABASE_URL: fixture.databaseUrl,
    BENCH_FLOOR_DRIVER: driver,
    BENCH_WORK_DIR: WORK_DIR,
  });
  const headers = { authorization: `Bearer ${fixture.apiKey}` };
  const url = `${server.info.url}/v1/api-keys?limit=${PAGE}`;
  const name = FLOORS[driver];
  checkFirstPage(name, await firstPage(url, headers), fixture.expectedIds);
  log(`${name} at ${server.info.url}: first page and cursor match the SQL`);
  return { name, measure: () => load(name, url, headers, server.pid), stop: () => server.stop() };
}

/** An HS256 JWT (RFC 7519) for @platformatic/db's `authorization.jwt` (@fastify/jwt verifies it). */
function signJwt(claims: Record<string, unknown>, secret: string): string {
  const encode = (part: unknown) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/**
 * @platformatic/db doing the same work as the service: every request carries a JWT that it
 * verifies, and its authorization rule for the caller's role adds the tenant filter
 * (`accountId` = the token's user id) to the cursor list, as its docs describe (Authorization:
 * rules with `checks`). The request names no account: the rows come from the token alone.
 */
async function startPlatformatic(fixture: Fixture): Promise<Started> {
  const secret = randomBytes(32).toString('base64url');
  const server = await startChild<{ url: string }>('platformatic-server.ts', {
    DATABASE_URL: fixture.databaseUrl,
    BENCH_WORK_DIR: WORK_DIR,
    PLATFORMATIC_JWT_SECRET: secret,
  });
  // The cursor list: newest first with the id as tie-breaker, 20 rows, cursor headers on.
  const query = new URLSearchParams({
    limit: String(PAGE),
    cursor: 'true',
    'orderby.createdAt': 'desc',
    'orderby.id': 'desc',
    fields: 'id,name,prefix,scopes,createdAt,lastUsedAt,revokedAt',
  });
  const url = `${server.info.url}/platformApiKeys/?${query}`;
  const token = signJwt(
    {
      'X-PLATFORMATIC-USER-ID': fixture.accountId,
      'X-PLATFORMATIC-ROLE': 'tenant',
      exp: Math.floor(Date.now() / 1000) + 3600,
    },
    secret,
  );
  const headers = { authorization: `Bearer ${token}` };
  // The rule must hold: no token is refused, and the token's page is the account's (other accounts' keys would show).
  const anonymous = await fetch(url);
  await anonymous.body?.cancel();
  if (anonymous.ok) throw new Error(`@platformatic/db served ${url} without a token (${anonymous.status})`);
  checkFirstPage('@platformatic/db', await firstPage(url, headers), fixture.expectedIds);
  log(`@platformatic/db at ${server.info.url}: JWT required; first page and cursor match the SQL`);
  const name = '@platformatic/db: GET /platformApiKeys (JWT, tenant rule)';
  return { name, measure: () => load(name, url, headers, server.pid), stop: () => server.stop() };
}

// ---------------------------------------------------------------------------

async function main(): Promise<void> {
  logLoadSettings(DATABASE_NAME);
  const fixture = await prepareFixture();
  await connectAdmin();

  const pgbenchName = 'pgbench: keyset SQL, -M prepared';
  const targets: Target[] = [{ name: pgbenchName, measure: () => runKeysetPgbench(fixture) }];
  const servers: Started[] = [];
  let platformaticError: string | null = null;
  try {
    servers.push(await startService(fixture));
    if (authMode === 'api-key') {
      servers.push(await startTwoProcesses(fixture));
      servers.push(await startFloor(fixture, 'pg'));
      servers.push(await startFloor(fixture, 'slonik-pg'));
      servers.push(await startFloor(fixture, 'slonik-postgres-js'));
    }
    if (skipPlatformatic) {
      platformaticError = 'BENCH_SKIP_PLATFORMATIC=1';
    } else {
      try {
        servers.push(await startPlatformatic(fixture));
      } catch (error) {
        platformaticError = error instanceof Error ? error.message : String(error);
        console.error(`bench: @platformatic/db could not be measured: ${platformaticError}`);
      }
    }
    if (authMode === 'api-key') {
      servers.push(await startStagedRead(fixture, 'known'));
      servers.push(await startStagedRead(fixture, 'lookup'));
    }
    targets.push(...servers);
    const runs = await interleaved(targets);
    report(runs, servers, platformaticError);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

function report(
  runs: Map<string, Measurement[]>,
  servers: Started[],
  platformaticError: string | null,
): void {
  const [service, twoProcesses, floor, platformatic] = [
    servers[0]!.name,
    authMode === 'api-key' ? servers[1]?.name : undefined,
    authMode === 'api-key' ? servers[2]?.name : undefined,
    servers.find((server) => server.name.startsWith('@platformatic'))?.name,
  ].map((name) => (name ? runs.get(name) : undefined));
  const pgbench = runs.get('pgbench: keyset SQL, -M prepared')!;
  const medians = [...runs.values()].map(medianOf);
  const median = (target: Measurement[] | undefined) => (target ? medianOf(target) : undefined);
  const serviceLine = medianOf(service!);

  printTable(medians);
  const perRound = (name: string, baseline: Measurement[] | undefined) => {
    const ratios = roundRatios(service!, baseline);
    if (ratios) console.log(`  service / ${name} per round: ${ratios}`);
  };
  printRatio(
    serviceLine,
    median(pgbench),
    'pgbench',
    TARGETS.throughputVsPgbench,
    `>= ${TARGETS.throughputVsPgbench.toFixed(2)}`,
  );
  perRound('pgbench', pgbench);
  if (twoProcesses)
    console.log(
      `2 API processes / 1: ${(medianOf(twoProcesses).requestsPerSecond / serviceLine.requestsPerSecond).toFixed(2)}x req/s (both on this machine's ${availableParallelism()} CPUs, with PostgreSQL and the load generator)`,
    );
  printRatio(
    serviceLine,
    median(floor),
    'floor',
    TARGETS.throughputVsFloor,
    `>= ${TARGETS.throughputVsFloor.toFixed(2)}`,
  );
  perRound('floor', floor);
  printDriverFloors(runs);
  printStagedReads(runs);
  printRatio(
    serviceLine,
    median(platformatic),
    'platformatic',
    TARGETS.throughputVsPlatformatic,
    `>= ${TARGETS.throughputVsPlatformatic.toFixed(1)}x`,
  );
  perRound('platformatic', platformatic);
  if (platformaticError) console.log(`service / platformatic: not measured (${platformaticError})`);
  const cpu = serviceLine.cpu;
  if (cpu)
    console.log(
      `service CPU per request: Node ${fixed(cpu.server, 0)} µs (target <= ${TARGETS.nodeMicros}), PostgreSQL ${fixed(cpu.postgres, 0)} µs (target <= ${TARGETS.postgresMicros}); ` +
        `p99 / p50 ${fixed(serviceLine.p99 / serviceLine.p50, 2)} (target <= ${TARGETS.tailRatio})`,
    );
  console.log(
    [
      'Notes: pgbench connects as the superuser (no RLS) and filters on account_id; @platformatic/db connects as the',
      'superuser too, verifies a JWT on every request and filters by the account its authorization rule takes from the',
      'token; the service authenticates every request and binds the account (set_config local to the statement, RLS) in',
      'its one statement as yorozu_app and returns { data, nextCursor }; the floor runs that same statement from bare',
      'Fastify + pg, with no hooks, and through Slonik (no interceptors) on its pg driver and on postgres.js. Latency',
      'ratios are service / baseline. CPU µs/req is read from /proc over the middle of',
      `each run: app = the Node server (pgbench's own process for pgbench), PG = that target's backends. Now: ${loadNote()}.`,
    ].join('\n'),
  );
  saveRun('last-run', { authMode, rounds: runs.get(servers[0]!.name)!.length, results: medians });
}

/** `GET /v1/me` with the caller known against looked up: what the round trips saved are worth. */
function printStagedReads(runs: Map<string, Measurement[]>): void {
  const [known, lookup] = [runs.get(STAGED_READS.known), runs.get(STAGED_READS.lookup)];
  if (!known || !lookup) return;
  const [a, b] = [medianOf(known), medianOf(lookup)];
  const cpu = (pick: 'server' | 'postgres') =>
    a.cpu && b.cpu ? `${fixed(a.cpu[pick], 0)} vs ${fixed(b.cpu[pick], 0)} µs` : 'n/a';
  console.log(
    `GET /v1/me, caller known (1 round trip) / looked up (3): throughput ${fixed(a.requestsPerSecond / b.requestsPerSecond, 2)}x, ` +
      `p50 ${fixed(a.p50 / b.p50, 2)}x; Node CPU/req ${cpu('server')}, PG CPU/req ${cpu('postgres')}` +
      (known.length > 1
        ? `; per round: ${known.map((run, i) => fixed(run.requestsPerSecond / lookup[i]!.requestsPerSecond, 2)).join(', ')}`
        : ''),
  );
}

/**
 * Slonik's driver, compared on the floor: Slonik on its pg driver against node-postgres alone (what
 * Slonik costs), and Slonik on postgres.js against Slonik on pg (what the driver changes).
 */
function printDriverFloors(runs: Map<string, Measurement[]>): void {
  const compare = (over: FloorDriver, under: FloorDriver) => {
    const [a, b] = [runs.get(FLOORS[over]), runs.get(FLOORS[under])];
    if (!a || !b) return;
    const [ma, mb] = [medianOf(a), medianOf(b)];
    const cpu = (pick: 'server' | 'postgres') =>
      ma.cpu && mb.cpu ? `${fixed(ma.cpu[pick], 0)} vs ${fixed(mb.cpu[pick], 0)} µs` : 'n/a';
    console.log(
      `floor ${over} / ${under}: throughput ${fixed(ma.requestsPerSecond / mb.requestsPerSecond, 2)}x; ` +
        `Node CPU/req ${cpu('server')}, PG CPU/req ${cpu('postgres')}` +
        (a.length > 1
          ? `; per round: req/s ${a.map((run, i) => fixed(run.requestsPerSecond / b[i]!.requestsPerSecond, 2)).join(', ')}` +
            `, Node CPU ${a.map((run, i) => (run.cpu && b[i]!.cpu ? fixed(run.cpu.server / b[i]!.cpu!.server, 2) : 'n/a')).join(', ')}`
          : ''),
    );
  };
  compare('slonik-pg', 'pg');
  compare('slonik-postgres-js', 'slonik-pg');
}

await runBench(7 * rounds, main);
