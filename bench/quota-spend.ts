/**
 * Benchmarks a quota-spending endpoint, `POST /v1/stickers/images` with a
 * distinct request each time (prompt-cache misses: each one spends one image
 * of the daily quota and queues its render job, 202), against raw PostgreSQL
 * running the spend itself: the same conditional UPDATE of
 * platform.quota_counters plus the INSERT into platform.usage_ledger
 * (src/kernel/metering/queries.ts), in one transaction (pgbench, prepared).
 * Same conditions on both sides: one account, so all 32 connections spend
 * from the same counter row, on a plan without a limit (the
 * target: the quota-spending endpoint's throughput at least 0.30 of raw
 * pgbench running the same conditional UPDATE + insert).
 *
 *   node bench/quota-spend.ts        (from the repository root, with its Node 24)
 *
 * Environment: DATABASE_URL (a 127.0.0.1 server, default
 * postgres://postgres@127.0.0.1:5432/postgres; its user must be a superuser),
 * BENCH_DURATION (seconds per target, default 10), BENCH_WARMUP (default 2), BENCH_ROUNDS (interleaved rounds, medians; default 1),
 * BENCH_KEEP_DB=1 to keep the `yorozu_bench_quota` database.
 *
 * It prints the table and the ratio; it asserts none of them.
 */
import { insertAccount, insertApiKey, logLoadSettings, subscribeWithCounter } from './lib/fixtures.ts';
import {
  connectAdmin,
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
  withClient,
} from './lib/harness.ts';

const DATABASE_NAME = 'yorozu_bench_quota';
const TARGET_VS_PGBENCH = 0.45;

interface Fixture {
  databaseUrl: string;
  accountId: string;
  apiKey: string;
  /** The current day's quota period, whose counter both sides spend from. */
  periodStart: string;
}

/**
 * One account on a `bench` stickers plan without a limit (a priced plan row, as the catalogue's
 * checks require, its
 * limit and the account's subscription, as billing would write them), an API
 * key with `stickers:write`, and today's counter.
 */
async function prepareFixture(): Promise<Fixture> {
  const databaseUrl = await freshDatabase(DATABASE_NAME);
  return withClient(databaseUrl, async (client) => {
    const { accountId, periodStart } = await insertAccount(client, {
      email: 'bench-quota@example.com',
      name: 'Bench quota',
      period: 'day',
    });
    await client.query(
      `INSERT INTO platform.plans (product, plan, price_amount) VALUES ('stickers', 'bench', 100);
       INSERT INTO platform.plan_limits (product, plan, metric, "limit") VALUES ('stickers', 'bench', 'images', NULL)`,
    );
    await subscribeWithCounter(client, {
      accountId,
      product: 'stickers',
      plan: 'bench',
      metric: 'images',
      periodStart,
    });
    const apiKey = await insertApiKey(client, accountId, ['stickers:write']);
    return { databaseUrl, accountId, apiKey, periodStart };
  });
}

/**
 * The spend as src/kernel/metering/queries.ts runs it for an unlimited plan
 * (spendFromCounter with a null limit: the counter upsert and the ledger
 * insert in one statement), in one transaction.
 */
const SPEND_SQL = `BEGIN;
WITH counter AS (
  INSERT INTO platform.quota_counters AS c (account_id, product, metric, subject, period_start, used)
  SELECT :acct, 'stickers', 'images', '', :period::timestamptz, 1::bigint
  WHERE NULL::bigint IS NULL OR 1::bigint <= NULL::bigint
  ON CONFLICT (account_id, product, metric, subject, period_start) DO UPDATE
    SET used = c.used + EXCLUDED.used, updated_at = now()
    WHERE NULL::bigint IS NULL OR c.used + EXCLUDED.used <= NULL::bigint
  RETURNING c.used
), entry AS (
  INSERT INTO platform.usage_ledger (id, account_id, product, metric, subject, period_start, amount, reason, reference_id)
  SELECT gen_random_uuid(), :acct, 'stickers', 'images', '', :period::timestamptz, 1::bigint, 'stickers.images.create', NULL
  FROM counter
)
SELECT used FROM counter;
END;
`;

let sequence = 0;

/** A request no earlier one made: the prompt cache misses, so every request spends. */
function distinctSticker(): string {
  sequence++;
  return JSON.stringify({
    title: `Bench ${sequence}`,
    characterName: 'Quota',
    attribute: 'holy',
    rarity: 'common',
    backgroundColor: '#3A7BD5',
  });
}

const SERVICE = 'service: POST /v1/stickers/images (api-key, RLS)';
const PGBENCH = 'pgbench: UPDATE counter + INSERT ledger, -M prepared';

/** The service, started once and measured once per round. */
async function startService(fixture: Fixture) {
  const server = await startChild<{ url: string; poolSize: number }>('api-server.ts', {
    DATABASE_URL: fixture.databaseUrl,
  });
  const url = `${server.info.url}/v1/stickers/images`;
  const headers = { authorization: `Bearer ${fixture.apiKey}`, 'content-type': 'application/json' };
  const first = await fetch(url, { method: 'POST', headers, body: distinctSticker() });
  const remaining = first.headers.get('yorozu-quota-remaining');
  // An unlimited plan's spend carries no Yorozu-Quota-Remaining (docs/architecture.md, Quotas and metering).
  if (first.status !== 202 || remaining !== null) {
    await server.stop();
    throw new Error(
      `POST ${url} → ${first.status} (quota remaining ${remaining}): ${await first.text()}; expected 202 without a remaining count (unlimited)`,
    );
  }
  log(
    `service at ${server.info.url} (pool ${server.info.poolSize}): a distinct request spends (202, unlimited)`,
  );
  const measure = () =>
    load(
      SERVICE,
      url,
      headers,
      server.pid,
      {
        method: 'POST',
        requests: [
          {
            setupRequest: (request: Record<string, unknown>) => ({ ...request, body: distinctSticker() }),
          },
        ],
      },
      202,
    );
  return { measure, stop: () => server.stop() };
}

async function main(): Promise<void> {
  logLoadSettings(DATABASE_NAME);
  const fixture = await prepareFixture();
  await connectAdmin();

  const service = await startService(fixture);
  let runs: Map<string, Measurement[]>;
  try {
    runs = await interleaved([
      {
        name: PGBENCH,
        measure: () =>
          runPgbench({
            target: PGBENCH,
            databaseUrl: fixture.databaseUrl,
            script: SPEND_SQL,
            variables: { acct: fixture.accountId, period: fixture.periodStart },
          }),
      },
      { name: SERVICE, measure: service.measure },
    ]);
  } finally {
    await service.stop();
  }
  const spent = await withClient(fixture.databaseUrl, async (client) => {
    const { rows } = await client.query<{ used: string; ledger: string }>(
      `SELECT (SELECT used FROM platform.quota_counters WHERE account_id = $1) AS used,
              (SELECT count(*) FROM platform.usage_ledger WHERE account_id = $1) AS ledger`,
      [fixture.accountId],
    );
    return rows[0]!;
  });

  const results = [medianOf(runs.get(PGBENCH)!), medianOf(runs.get(SERVICE)!)];
  printTable(results);
  printRatio(results[1]!, results[0]!, 'pgbench', TARGET_VS_PGBENCH, `>= ${TARGET_VS_PGBENCH.toFixed(2)}`);
  const perRound = roundRatios(runs.get(SERVICE)!, runs.get(PGBENCH));
  if (perRound) console.log(`  service / pgbench per round: ${perRound}`);
  console.log(
    [
      `Counter after all runs: used ${spent.used}, ledger rows ${spent.ledger} (they must be equal).`,
      'Notes: pgbench connects as the superuser (no RLS) and runs only the spend (counter UPDATE + ledger INSERT, one statement, one transaction); the',
      'service authenticates the key, binds the account (RLS), checks the prompt cache, reads the plan and its limit,',
      'spends, queues the render job and writes the audit row, in one transaction as yorozu_app. Both spend from one',
      "counter row, so its row lock serialises the spends on both sides. CPU µs/req: app = the Node server (pgbench's",
      `own process for pgbench), PG = that target's backends. Now: ${loadNote()}.`,
    ].join('\n'),
  );
  saveRun('last-quota-spend', { rounds: runs.get(SERVICE)!.length, results });
}

await runBench(2 * rounds, main);
