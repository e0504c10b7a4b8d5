/**
 * The SDK's two costs, next to what it is built on:
 *
 * - size: the client (packages/sdk/dist/index.js) minified and gzipped, and the path-level
 *   entry `@yorozu/sdk/raw` with the openapi-fetch it loads, measured by the same size-limit
 *   setup as the SDK's 10 kB budget in CI (`npm run size -w @yorozu/sdk`);
 * - per-call overhead: N sequential calls through the SDK vs a raw `fetch` to the same local
 *   endpoint, a tiny node:http server (a child process) answering a fixed JSON body, after a
 *   warm-up; GET (`client.me.get()`) and POST (`client.apiKeys.create()`, which also generates
 *   an Idempotency-Key and serialises the body).
 *
 *   npm run build -w @yorozu/sdk && node bench/sdk.ts        (from the repository root)
 *
 * Environment: BENCH_CALLS (per round and way, default 200), BENCH_ROUNDS (default 30).
 * It prints sizes, µs per call and ratios (target ≤ 1.2× raw fetch); it asserts none of them.
 * The ratio is the median of per-round ratios, each round timing both ways back to back (the
 * order alternating), so a slow patch of a shared machine lands in both sides of one ratio.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SDK = join(ROOT, 'packages/sdk/dist/index.js');
const RAW = join(ROOT, 'packages/sdk/dist/raw.js');
const WORK_DIR = join(ROOT, 'bench/.work/sdk-size');
const TARGET_RATIO = 1.2;
const BUDGET_BYTES = 10_000;
/** A fixed answer, shaped like an Account. */
const BODY = JSON.stringify({
  id: '0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d',
  email: 'ada@example.com',
  name: 'Ada',
  role: 'member',
  createdAt: '2026-11-23T09:00:00.000Z',
});

const calls = positiveInteger('BENCH_CALLS', 200);
const rounds = positiveInteger('BENCH_ROUNDS', 30);

function positiveInteger(name: string, fallback: number): number {
  const value = Number(process.env[name] || fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

/** The child process: answers every request with BODY, and prints its port. */
function serve() {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(BODY),
        'x-request-id': 'req_bench',
      });
      response.end(BODY);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (address && typeof address === 'object') process.stdout.write(`${address.port}\n`);
  });
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;

/** min+gzip sizes through size-limit (the SDK's own preset), from a throwaway config in bench/.work. */
function measureSizes(): { sdk: number; raw: number; openapiFetch: number } {
  const openapiFetch = createRequire(join(ROOT, 'packages/sdk/package.json'))
    .resolve('openapi-fetch')
    .replace(/\.cjs$/, '.mjs');
  const checks = [
    { name: 'sdk', path: SDK, import: '*', gzip: true },
    { name: 'raw', path: [SDK, RAW], import: { [SDK]: '*', [RAW]: '{ raw }' }, gzip: true },
    { name: 'openapi-fetch', path: openapiFetch, import: '*', gzip: true },
  ];
  mkdirSync(WORK_DIR, { recursive: true });
  writeFileSync(
    join(WORK_DIR, 'package.json'),
    `${JSON.stringify({ private: true, devDependencies: { '@size-limit/preset-small-lib': '*' }, 'size-limit': checks }, null, 2)}\n`,
  );
  const bin = join(ROOT, 'node_modules/size-limit/bin.js');
  const run = spawnSync(process.execPath, [bin, '--json'], { cwd: WORK_DIR, encoding: 'utf8' });
  const results = JSON.parse(run.stdout) as { name: string; size: number }[] | { error: string };
  if (!Array.isArray(results)) throw new Error(`size-limit: ${results.error}`);
  const size = (name: string) => results.find((result) => result.name === name)?.size ?? Number.NaN;
  return { sdk: size('sdk'), raw: size('raw'), openapiFetch: size('openapi-fetch') };
}

async function startServer(): Promise<{ baseUrl: string; stop: () => void }> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code})`)));
  });
  return { baseUrl: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

/** µs per call of `n` sequential calls. */
async function time(n: number, call: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await call();
  return Number(process.hrtime.bigint() - started) / 1000 / n;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Warm-up, then `rounds` rounds of `calls` each way, alternating which goes first. */
async function compare(raw: () => Promise<unknown>, sdk: () => Promise<unknown>) {
  await time(calls, raw);
  await time(calls, sdk);
  const rawTimes: number[] = [];
  const sdkTimes: number[] = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2) {
      sdkTimes.push(await time(calls, sdk));
      rawTimes.push(await time(calls, raw));
    } else {
      rawTimes.push(await time(calls, raw));
      sdkTimes.push(await time(calls, sdk));
    }
  }
  const ratios = sdkTimes.map((t, i) => t / rawTimes[i]!).sort((a, b) => a - b);
  return {
    raw: median(rawTimes),
    sdk: median(sdkTimes),
    ratio: median(ratios),
    low: ratios[0]!,
    high: ratios.at(-1)!,
  };
}

async function main() {
  if (!existsSync(SDK)) {
    console.error('bench: packages/sdk/dist is missing; run `npm run build -w @yorozu/sdk` first.');
    process.exit(1);
  }
  console.log(
    `bench: node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  const sizes = measureSizes();
  console.log('\nsize, minified and gzipped (size-limit, as in CI)');
  console.log(`  @yorozu/sdk, the client (ESM)                           ${kB(sizes.sdk)}`);
  console.log(`  with @yorozu/sdk/raw (path-level, loads openapi-fetch)  ${kB(sizes.raw)}`);
  console.log(`  openapi-fetch alone                                     ${kB(sizes.openapiFetch)}`);
  console.log(
    `  client / budget ${kB(BUDGET_BYTES)}: ${(sizes.sdk / BUDGET_BYTES).toFixed(2)}; ` +
      `for scale, Stripe's SDK is quoted at 35 kB and OpenAI's at 89 kB`,
  );

  const { Yorozu } = (await import(
    pathToFileURL(SDK).href
  )) as typeof import('../packages/sdk/dist/index.js');
  const server = await startServer();
  try {
    const token = 'yz_bench';
    const client = new Yorozu({ baseUrl: server.baseUrl, apiKey: token });
    const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
    const json = async (response: Response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    };
    const get = await compare(
      () => fetch(`${server.baseUrl}/v1/me`, { headers }).then(json),
      () => client.me.get(),
    );
    const body = { name: 'bench', scopes: ['me:read'] as const };
    const post = await compare(
      () =>
        fetch(`${server.baseUrl}/v1/api-keys`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then(json),
      () => client.apiKeys.create({ name: body.name, scopes: [...body.scopes] }),
    );

    console.log(
      `\nper-call time, ${calls} sequential calls × ${rounds} rounds each way after a warm-up (median round)`,
    );
    console.log(
      '                 raw fetch      SDK   overhead    ratio (median of rounds, target ≤ 1.2×; min–max)',
    );
    for (const [name, result] of [
      ['GET  /v1/me', get],
      ['POST /v1/api-keys', post],
    ] as const) {
      const { ratio, low, high } = result;
      console.log(
        `  ${name.padEnd(17)} ${`${result.raw.toFixed(1)} µs`.padStart(9)} ${`${result.sdk.toFixed(1)} µs`.padStart(9)}` +
          ` ${`${(result.sdk - result.raw).toFixed(1)} µs`.padStart(10)}    ${ratio.toFixed(2)}×` +
          ` (${low.toFixed(2)}–${high.toFixed(2)})${ratio <= TARGET_RATIO ? '' : '  over target'}`,
      );
    }
  } finally {
    server.stop();
  }
}

if (process.argv.includes('--serve')) serve();
else await main();
