/**
 * Request latency while PNG renders run: the service with its in-process job
 * worker (as `npm start` runs it, WORKER_CONCURRENCY=2), measured on
 * `GET /v1/stickers/images?limit=20` at 32 connections, first idle, then
 * while the bench keeps BENCH_RENDERS (default 4) PNG sticker renders in
 * flight (distinct requests, so the prompt cache never answers). Rendering
 * runs on worker threads (services/api/src/kernel/threads), so p99 should
 * barely move; on the event loop each render stalled every request.
 *
 *   node bench/renders.ts        (from the repository root, with its Node 24)
 *
 * Environment: DATABASE_URL (a 127.0.0.1 superuser URL, default
 * postgres://postgres@127.0.0.1:5432/postgres), BENCH_DURATION (seconds per
 * target, default 10), BENCH_WARMUP (default 2), BENCH_RENDERS,
 * BENCH_KEEP_DB=1 to keep the `yorozu_bench_renders` database.
 *
 * It prints the table; it asserts nothing.
 */
import { randomBytes } from 'node:crypto';
import { API_KEY_PREFIX, hashSecret } from '../services/api/src/kernel/auth/secrets.ts';
import {
  CONNECTIONS,
  duration,
  freshDatabase,
  load,
  loadNote,
  log,
  type Measurement,
  printTable,
  runBench,
  saveRun,
  startChild,
  warmup,
  withClient,
} from './lib/harness.ts';

const DATABASE_NAME = 'yorozu_bench_renders';
const RENDERS = Number(process.env.BENCH_RENDERS ?? 4);

/** One account on a `bench` stickers plan without a limit, and an API key to read and render stickers and follow their jobs. */
async function prepareFixture(): Promise<{ databaseUrl: string; apiKey: string }> {
  const databaseUrl = await freshDatabase(DATABASE_NAME);
  const apiKey = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  await withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO platform.accounts (id, email, password_hash, name)
       VALUES (gen_random_uuid(), 'bench-renders@example.com', 'not-a-password-hash', 'Bench renders')
       RETURNING id`,
    );
    const accountId = rows[0]!.id;
    await client.query(
      `INSERT INTO platform.plans (product, plan) VALUES ('stickers', 'bench');
       INSERT INTO platform.plan_limits (product, plan, metric, "limit") VALUES ('stickers', 'bench', 'images', NULL)`,
    );
    await client.query(
      `INSERT INTO platform.subscriptions (account_id, product, plan) VALUES ($1, 'stickers', 'bench')`,
      [accountId],
    );
    await client.query(
      `INSERT INTO platform.api_keys (account_id, name, prefix, secret_hash, scopes)
       VALUES ($1, 'bench', $2, $3, ARRAY['stickers:read', 'stickers:write', 'jobs:read'])`,
      [accountId, apiKey.slice(0, 7), hashSecret(apiKey)],
    );
  });
  return { databaseUrl, apiKey };
}

let sequence = 0;

/** Keeps `RENDERS` distinct PNG secret-rare renders in flight until stopped; returns how many finished. */
function keepRendering(baseUrl: string, headers: Record<string, string>) {
  let running = true;
  let finished = 0;
  const one = async () => {
    sequence++;
    const created = await fetch(`${baseUrl}/v1/stickers/images`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        title: `Render ${sequence}`,
        characterName: 'ベンチ',
        attribute: 'holy',
        rarity: 'secret',
        backgroundColor: '#3A7BD5',
        effects: { sparkle: true, glow: true, holo: true },
        format: 'png',
      }),
    });
    if (created.status !== 202)
      throw new Error(`render request → ${created.status}: ${await created.text()}`);
    const { job } = (await created.json()) as { job: { id: string } };
    for (;;) {
      const polled = await fetch(`${baseUrl}/v1/jobs/${job.id}`, { headers });
      if (polled.status !== 200) throw new Error(`job poll → ${polled.status}: ${await polled.text()}`);
      const state = (await polled.json()) as { status: string };
      if (state.status === 'succeeded') break;
      if (state.status === 'failed' || state.status === 'canceled')
        throw new Error(`render job ${state.status}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    finished++;
  };
  const loops = Array.from({ length: RENDERS }, async () => {
    while (running) await one();
  });
  return async () => {
    running = false;
    await Promise.all(loops);
    return finished;
  };
}

async function main(): Promise<void> {
  log(
    `${CONNECTIONS} connections, ${warmup} s warm-up + ${duration} s per target, ${RENDERS} PNG renders in flight ` +
      `in the second; ${loadNote()}`,
  );
  const fixture = await prepareFixture();
  const server = await startChild<{ url: string }>('api-server.ts', {
    DATABASE_URL: fixture.databaseUrl,
    BENCH_WORKER: '1',
    WORKER_CONCURRENCY: '2',
  });
  const headers = { authorization: `Bearer ${fixture.apiKey}`, 'content-type': 'application/json' };
  const url = `${server.info.url}/v1/stickers/images?limit=20`;
  const results: Measurement[] = [];
  let rendered = 0;
  try {
    log('measuring without renders …');
    results.push(await load('GET /v1/stickers/images, no renders', url, headers, server.pid, {}, 200));
    log(`measuring with ${RENDERS} PNG renders in flight …`);
    const stop = keepRendering(server.info.url, headers);
    results.push(
      await load(
        `GET /v1/stickers/images, ${RENDERS} PNG renders in flight`,
        url,
        headers,
        server.pid,
        {},
        200,
      ),
    );
    rendered = await stop();
  } finally {
    await server.stop();
  }
  printTable(results);
  const [idle, busy] = results as [Measurement, Measurement];
  console.log(
    `p99 ${idle.p99.toFixed(1)} ms without renders, ${busy.p99.toFixed(1)} ms with ${RENDERS} in flight ` +
      `(${rendered} PNG stickers rendered meanwhile). Now: ${loadNote()}.`,
  );
  saveRun('renders', { results, rendered, renders: RENDERS });
}

await runBench(2, main);
