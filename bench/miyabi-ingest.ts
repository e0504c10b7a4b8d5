/**
 * Benchmarks Miyabi's event ingest: the composition root's event store
 * (services/api/src/modules/miyabi/events/store.ts) appending batches of 100
 * and of 1 000 events through a Slonik pool as the service's role (a
 * transaction, the account bound, RLS checking each row, one
 * `INSERT … SELECT FROM unnest(…)` with six array parameters), against raw
 * PostgreSQL running the same insert (pgbench, prepared: the same
 * transaction, binding and INSERT into the same partitioned table, its rows
 * made by generate_series on the server instead of sent as arrays). Both
 * sides write to today's day partition of a fresh database, 32 connections.
 *
 *   node bench/miyabi-ingest.ts        (from the repository root, with its Node 24)
 *
 * Environment: DATABASE_URL (a 127.0.0.1 server, default
 * postgres://postgres@127.0.0.1:5432/postgres; its user must be a superuser),
 * BENCH_DURATION (seconds per target, default 10), BENCH_WARMUP (default 2),
 * BENCH_KEEP_DB=1 to keep the `yorozu_bench_miyabi` database.
 *
 * It prints batches/s and events/s of each side and the ratio; it asserts none of them.
 */
import { createDatabasePool } from '../services/api/src/db/pool.ts';
import { type NewEvent, postgresEventStore } from '../services/api/src/modules/miyabi/events/store.ts';
import {
  CONNECTIONS,
  connectAdmin,
  duration,
  fixed,
  freshDatabase,
  loadNote,
  log,
  type Measurement,
  printRatio,
  printTable,
  runBench,
  runPgbench,
  saveRun,
  serverUrl,
  warmup,
  withClient,
} from './lib/harness.ts';

const DATABASE_NAME = 'yorozu_bench_miyabi';
const BATCHES = [100, 1000] as const;
/** What to expect of the store against raw SQL on one machine (not asserted). */
const TARGET_VS_PGBENCH = 0.5;

async function prepareAccount(databaseUrl: string): Promise<string> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO platform.accounts (id, email, password_hash, name)
       VALUES (gen_random_uuid(), 'bench-miyabi@example.com', 'not-a-password-hash', 'Bench Miyabi')
       RETURNING id`,
    );
    return rows[0]!.id;
  });
}

/** The store's work, done by pgbench: the same transaction, binding and INSERT shape. */
const pgbenchScript = (batch: number) => `BEGIN;
SELECT set_config('app.account_id', :acct, true);
INSERT INTO miyabi.events (id, account_id, repository_id, type, subject, data, created_at)
SELECT gen_random_uuid(), :acct::uuid, NULL, 'agent_execution', 'execution:' || n,
  jsonb_build_object('agentType', 'CodeGen', 'status', 'completed', 'n', n), clock_timestamp()
FROM generate_series(1, ${batch}) AS n
ON CONFLICT (account_id, created_at, id) DO NOTHING;
END;
`;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** 32 loops appending batches through the store for `seconds`; returns per-batch latencies (ms). */
async function appendFor(
  append: (events: NewEvent[]) => Promise<unknown>,
  accountId: string,
  batch: number,
  seconds: number,
): Promise<number[]> {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  let n = 0;
  const events = () =>
    Array.from({ length: batch }, () => {
      n++;
      return {
        accountId,
        type: 'agent_execution',
        subject: `execution:${n}`,
        data: { agentType: 'CodeGen', status: 'completed', n },
      } satisfies NewEvent;
    });
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        await append(events());
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies;
}

async function measureStore(databaseUrl: string, accountId: string, batch: number): Promise<Measurement> {
  // The API's own pool settings (src/db/pool.ts): the service's role, 10 connections.
  const pool = await createDatabasePool({ databaseUrl });
  try {
    const store = postgresEventStore(Date.now);
    const append = (events: NewEvent[]) => store.append(pool, events);
    await appendFor(append, accountId, batch, warmup);
    const latencies = await appendFor(append, accountId, batch, duration);
    latencies.sort((a, b) => a - b);
    return {
      target: `store: append(${batch}) via Slonik, RLS`,
      requestsPerSecond: latencies.length / duration,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      count: latencies.length,
      cpu: null,
      note: `${fixed((latencies.length * batch) / duration, 0)} events/s`,
    };
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  log(
    `${CONNECTIONS} connections, ${warmup} s warm-up + ${duration} s per target; ` +
      `database ${DATABASE_NAME} on ${new URL(serverUrl).host}; ${loadNote()}`,
  );
  const databaseUrl = await freshDatabase(DATABASE_NAME);
  const accountId = await prepareAccount(databaseUrl);
  await connectAdmin();
  const results: Record<string, { pgbench: Measurement; store: Measurement }> = {};
  for (const batch of BATCHES) {
    log(`batch ${batch}: measuring pgbench …`);
    const pgbench = await runPgbench({
      target: `pgbench: INSERT ${batch} rows, -M prepared`,
      databaseUrl,
      script: pgbenchScript(batch),
      variables: { acct: accountId },
    });
    pgbench.note = `${fixed(pgbench.requestsPerSecond * batch, 0)} events/s`;
    log(`batch ${batch}: measuring the store …`);
    const store = await measureStore(databaseUrl, accountId, batch);
    results[String(batch)] = { pgbench, store };
  }
  const all = Object.values(results).flatMap(({ pgbench, store }) => [pgbench, store]);
  printTable(all);
  for (const [batch, { pgbench, store }] of Object.entries(results)) {
    console.log(`batch ${batch}:`);
    printRatio(store, pgbench, 'pgbench', TARGET_VS_PGBENCH, `>= ${TARGET_VS_PGBENCH.toFixed(2)}`);
  }
  const events = await withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM miyabi.events');
    return Number(rows[0]!.count);
  });
  console.log(`events stored: ${events} (throughput above is batches/s; events/s in the notes)`);
  saveRun('miyabi-ingest', { results });
}

await runBench(BATCHES.length * 4, main);
