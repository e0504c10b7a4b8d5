/**
 * Benchmarks a spoken learner turn, `POST /v1/speak/conversations/{id}/messages` with a
 * transcript and a 2-second recording (201): the service locks the conversation, reads the
 * file's measured duration and the script, counts the turn, inserts the message, writes the hour's
 * usage row, queues the reply job, appends the turn's stream event and, as the transaction's last
 * statement, reserves the 2 s from the monthly microphone quota. Against raw PostgreSQL running
 * that reserve alone: the conditional counter upsert plus the ledger INSERT
 * (src/kernel/metering/queries.ts, with a limit), in one transaction (pgbench, prepared).
 * Same conditions on both sides: one account, so all 32 connections reserve from the same
 * counter row, under a limit far above what a run spends. Turns rotate over 400 conversations
 * (a conversation takes at most 200 turns). No worker runs: the reply jobs stay queued.
 *
 *   node bench/speak-messages.ts     (from the repository root, with its Node 24)
 *
 * Environment: DATABASE_URL (a 127.0.0.1 server, default
 * postgres://postgres@127.0.0.1:5432/postgres; its user must be a superuser),
 * BENCH_DURATION (seconds per target, default 10), BENCH_WARMUP (default 2),
 * BENCH_KEEP_DB=1 to keep the `yorozu_bench_speak` database.
 *
 * It prints the table and the ratio; it asserts none of them.
 */
import { insertAccount, insertApiKey, logLoadSettings, subscribeWithCounter } from './lib/fixtures.ts';
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
  withClient,
} from './lib/harness.ts';

const DATABASE_NAME = 'yorozu_bench_speak';
const TARGET_VS_PGBENCH = 0.2;
/** Far above a run's spend (a few hundred thousand seconds), so every reserve fits. */
const LIMIT = 1_000_000_000_000;
const TURN_SECONDS = 2;
const CONVERSATIONS = 400;

interface Fixture {
  databaseUrl: string;
  accountId: string;
  apiKey: string;
  /** The current month's quota period, whose counter both sides reserve from. */
  periodStart: string;
}

/**
 * One account subscribed to speak premium, whose seconds limit this database raises far above a
 * run's spend, an API key with `speak:write` and `files:write`, and this month's counter.
 */
async function prepareFixture(): Promise<Fixture> {
  const databaseUrl = await freshDatabase(DATABASE_NAME);
  return withClient(databaseUrl, async (client) => {
    const { accountId, periodStart } = await insertAccount(client, {
      email: 'bench-speak@example.com',
      name: 'Bench speak',
      period: 'month',
    });
    // This database's premium plan, its limit raised (the catalogue's 3000 minutes would run out).
    await client.query(
      `UPDATE platform.plan_limits SET "limit" = ${LIMIT} WHERE product = 'speak' AND plan = 'premium' AND metric = 'seconds'`,
    );
    await subscribeWithCounter(client, {
      accountId,
      product: 'speak',
      plan: 'premium',
      metric: 'seconds',
      periodStart,
    });
    const apiKey = await insertApiKey(client, accountId, ['speak:write', 'files:write']);
    return { databaseUrl, accountId, apiKey, periodStart };
  });
}

/** The reserve as src/kernel/metering/queries.ts runs it for a limited plan, in one transaction. */
const RESERVE_SQL = `BEGIN;
WITH counter AS (
  INSERT INTO platform.quota_counters AS c (account_id, product, metric, subject, period_start, used)
  SELECT :acct, 'speak', 'seconds', '', :period::timestamptz, ${TURN_SECONDS}::bigint
  WHERE ${LIMIT}::bigint IS NULL OR ${TURN_SECONDS}::bigint <= ${LIMIT}::bigint
  ON CONFLICT (account_id, product, metric, subject, period_start) DO UPDATE
    SET used = c.used + EXCLUDED.used, updated_at = now()
    WHERE ${LIMIT}::bigint IS NULL OR c.used + EXCLUDED.used <= ${LIMIT}::bigint
  RETURNING c.used
), entry AS (
  INSERT INTO platform.usage_ledger (id, account_id, product, metric, subject, period_start, amount, reason, reference_id)
  SELECT gen_random_uuid(), :acct, 'speak', 'seconds', '', :period::timestamptz, ${TURN_SECONDS}::bigint, 'speak.messages.create', gen_random_uuid()
  FROM counter
)
SELECT used FROM counter;
END;
`;

/** A 16-bit mono PCM WAV of silence, `seconds` long, at 8 kHz. */
function silentWav(seconds: number): Buffer {
  const data = seconds * 8000 * 2;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data, 40);
  return Buffer.concat([header, Buffer.alloc(data)]);
}

async function expectStatus(response: Response, status: number, what: string) {
  if (response.status !== status) throw new Error(`${what} → ${response.status}: ${await response.text()}`);
  return response.json() as Promise<{ id: string }>;
}

async function measureService(fixture: Fixture): Promise<Measurement> {
  const server = await startChild<{ url: string; poolSize: number }>('api-server.ts', {
    DATABASE_URL: fixture.databaseUrl,
  });
  try {
    const base = server.info.url;
    const auth = { authorization: `Bearer ${fixture.apiKey}` };
    const json = { ...auth, 'content-type': 'application/json' };
    const file = await expectStatus(
      await fetch(`${base}/v1/files`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'audio/wav' },
        body: new Uint8Array(silentWav(TURN_SECONDS)),
      }),
      201,
      'POST /v1/files',
    );
    const paths: string[] = [];
    for (let i = 0; i < CONVERSATIONS; i++) {
      const conversation = await expectStatus(
        await fetch(`${base}/v1/speak/conversations`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ languagePair: { native: 'ja', target: 'en' }, scenario: 'travel' }),
        }),
        201,
        'POST /v1/speak/conversations',
      );
      paths.push(`/v1/speak/conversations/${conversation.id}/messages`);
    }
    const body = JSON.stringify({ text: 'I would like a window seat, please.', audioFileId: file.id });
    const first = await fetch(`${base}${paths[0]}`, { method: 'POST', headers: json, body });
    await expectStatus(first, 201, `POST ${paths[0]}`);
    log(
      `service at ${base} (pool ${server.info.poolSize}): a ${TURN_SECONDS} s turn reserves (201, ` +
        `${first.headers.get('yorozu-quota-remaining')} s left); ${CONVERSATIONS} conversations`,
    );
    let turn = 0;
    return await load(
      'service: POST …/messages (api-key, RLS)',
      `${base}${paths[0]}`,
      json,
      server.pid,
      {
        method: 'POST',
        body,
        requests: [
          {
            setupRequest: (request: Record<string, unknown>) => ({
              ...request,
              path: paths[turn++ % paths.length],
            }),
          },
        ],
      },
      201,
    );
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  logLoadSettings(DATABASE_NAME);
  const fixture = await prepareFixture();
  await connectAdmin();

  log('measuring pgbench …');
  const pgbench = await runPgbench({
    target: 'pgbench: reserve (counter upsert + ledger INSERT), -M prepared',
    databaseUrl: fixture.databaseUrl,
    script: RESERVE_SQL,
    variables: { acct: fixture.accountId, period: fixture.periodStart },
  });
  log('measuring the service …');
  const service = await measureService(fixture);
  const spent = await withClient(fixture.databaseUrl, async (client) => {
    const { rows } = await client.query<{ used: string; ledger: string; turns: string; usage: string }>(
      `SELECT (SELECT used FROM platform.quota_counters WHERE account_id = $1) AS used,
              (SELECT sum(amount) FROM platform.usage_ledger WHERE account_id = $1) AS ledger,
              (SELECT count(*) FROM speak.messages WHERE account_id = $1) AS turns,
              (SELECT sum(microphone_seconds) FROM speak.usage_hours WHERE account_id = $1) AS usage`,
      [fixture.accountId],
    );
    return rows[0]!;
  });

  printTable([pgbench, service]);
  printRatio(service, pgbench, 'pgbench', TARGET_VS_PGBENCH, `>= ${TARGET_VS_PGBENCH.toFixed(2)}`);
  console.log(
    [
      `After both runs: counter ${spent.used} s = ledger ${spent.ledger} s; the service's ${spent.turns} turns, ` +
        `${spent.usage} s in the hourly usage rows (${TURN_SECONDS} s each).`,
      'Notes: pgbench connects as the superuser (no RLS) and runs only the reserve (counter upsert + ledger INSERT, one',
      "statement, one transaction); the service authenticates the key, binds the account (RLS), locks the conversation's",
      "row, reads the file's measured duration and the plan's limit, counts the turn, inserts the message, upserts the",
      'hour, touches the profile, queues the reply job, appends the stream event, writes the audit row and reserves, in',
      'one transaction as yorozu_app. Both reserve from one counter row, whose lock serialises the reserves on both',
      "sides. CPU µs/req: app = the Node server (pgbench's own process for pgbench), PG = that target's backends.",
      `Now: ${loadNote()}.`,
    ].join('\n'),
  );
  saveRun('last-speak-messages', { results: [pgbench, service] });
}

await runBench(2, main);
