/**
 * Benchmarks the authenticated, RLS-scoped list endpoint `GET /v1/api-keys?limit=20`
 * against (a) raw PostgreSQL running the same keyset SQL (pgbench, prepared),
 * the floor of this stack (bare Fastify + node-postgres running the service's
 * own one statement with the same API key: bench/lib/floor-server.ts) and
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
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { API_KEY_PREFIX, hashSecret } from '../services/api/src/kernel/auth/secrets.ts';
import { logLoadSettings } from './lib/fixtures.ts';
import {
  connectAdmin,
  freshDatabase,
  load,
  loadNote,
  log,
  type Measurement,
  printRatio,
  printTable,
  runBench,
  runPgbench,
  saveRun,
  startChild,
  WORK_DIR,
  withClient,
} from './lib/harness.ts';

const DATABASE_NAME = 'yorozu_bench';
const PAGE = 20;
const ACCOUNTS = 1_000;
const KEYS_PER_ACCOUNT = 100;
const TARGETS = { throughputVsPgbench: 0.3, throughputVsPlatformatic: 1.5, throughputVsFloor: 0.85 };

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

/**
 * Two API processes on the same database, the load spread over both (autocannon splits its
 * connections between the two URLs, as a round-robin balancer would). On this 2-core machine,
 * shared with PostgreSQL and the load generator, expect little; the line is there so the
 * README's "scale the API out" has a number next to it. CPU per request is left out: it would
 * be the sum of two processes.
 */
async function measureTwoProcesses(fixture: Fixture): Promise<Measurement> {
  const env = { DATABASE_URL: fixture.databaseUrl, BENCH_ACCOUNT_ID: fixture.accountId };
  const servers = await Promise.all([
    startChild<{ url: string }>('api-server.ts', env),
    startChild<{ url: string }>('api-server.ts', env),
  ]);
  try {
    const headers = { authorization: `Bearer ${fixture.apiKey}` };
    const urls = servers.map((server) => `${server.info.url}/v1/api-keys?limit=${PAGE}`);
    for (const url of urls)
      checkFirstPage('the second process', await firstPage(url, headers), fixture.expectedIds);
    return await load('service, 2 API processes (api-key, RLS)', urls[0]!, headers, undefined, { url: urls });
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

/** The floor: bare Fastify + node-postgres, the same API key and the same one statement (bench/lib/floor-server.ts). */
async function measureFloor(fixture: Fixture): Promise<Measurement> {
  const server = await startChild<{ url: string }>('floor-server.ts', { DATABASE_URL: fixture.databaseUrl });
  try {
    const headers = { authorization: `Bearer ${fixture.apiKey}` };
    const url = `${server.info.url}/v1/api-keys?limit=${PAGE}`;
    checkFirstPage('the floor', await firstPage(url, headers), fixture.expectedIds);
    log(`floor at ${server.info.url}: first page and cursor match the SQL`);
    return await load('floor: bare Fastify + pg, same auth and statement', url, headers, server.pid);
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
    // Also catches a silently ignored filter (@platformatic/db ignores an unknown `where` filter without an error): other accounts' keys would show.
    checkFirstPage('@platformatic/db', await firstPage(url, {}), fixture.expectedIds);
    log(`@platformatic/db at ${server.info.url}: first page and cursor match the SQL`);
    return await load('@platformatic/db: GET /platformApiKeys (cursor)', url, {}, server.pid);
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------

async function main(): Promise<void> {
  logLoadSettings(DATABASE_NAME);
  const fixture = await prepareFixture();
  await connectAdmin();

  const results: Measurement[] = [];
  log('measuring pgbench …');
  const pgbench = await runKeysetPgbench(fixture);
  results.push(pgbench);
  log('measuring the service …');
  const service = await measureService(fixture);
  results.push(service);
  let twoProcesses: Measurement | undefined;
  if (authMode === 'api-key') {
    log('measuring two API processes …');
    twoProcesses = await measureTwoProcesses(fixture);
    results.push(twoProcesses);
  }
  let floor: Measurement | undefined;
  if (authMode === 'api-key') {
    log('measuring the floor …');
    floor = await measureFloor(fixture);
    results.push(floor);
  }
  let platformatic: Measurement | undefined;
  let platformaticError: string | null = null;
  if (skipPlatformatic) {
    platformaticError = 'BENCH_SKIP_PLATFORMATIC=1';
  } else {
    log('measuring @platformatic/db …');
    try {
      platformatic = await measurePlatformatic(fixture);
      results.push(platformatic);
    } catch (error) {
      platformaticError = error instanceof Error ? error.message : String(error);
      console.error(`bench: @platformatic/db could not be measured: ${platformaticError}`);
    }
  }

  printTable(results);
  printRatio(
    service,
    pgbench,
    'pgbench',
    TARGETS.throughputVsPgbench,
    `>= ${TARGETS.throughputVsPgbench.toFixed(2)}`,
  );
  if (twoProcesses)
    console.log(
      `2 API processes / 1: ${(twoProcesses.requestsPerSecond / service.requestsPerSecond).toFixed(2)}x req/s (both on this machine's ${availableParallelism()} CPUs, with PostgreSQL and the load generator)`,
    );
  printRatio(
    service,
    floor,
    'floor',
    TARGETS.throughputVsFloor,
    `>= ${TARGETS.throughputVsFloor.toFixed(2)}`,
  );
  printRatio(
    service,
    platformatic,
    'platformatic',
    TARGETS.throughputVsPlatformatic,
    `>= ${TARGETS.throughputVsPlatformatic.toFixed(1)}x`,
  );
  if (platformaticError) console.log(`service / platformatic: not measured (${platformaticError})`);
  console.log(
    [
      'Notes: pgbench and @platformatic/db connect as the superuser (no RLS) and filter on account_id; the service',
      'authenticates every request and binds the account (set_config local to the statement, RLS) in its one statement as',
      'yorozu_app and returns { data, nextCursor }; the floor runs that same statement from bare Fastify + pg, with no hooks.',
      'Latency ratios are service / baseline. CPU µs/req is read from /proc over the middle of',
      `each run: app = the Node server (pgbench's own process for pgbench), PG = that target's backends. Now: ${loadNote()}.`,
    ].join('\n'),
  );
  saveRun('last-run', { authMode, results });
}

await runBench(5, main);
