import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startTestServer, startTestWorker } from '@yorozu/api/testing';
import { QuotaExceededError, Yorozu } from '@yorozu/sdk';
import { afterAll, expect, it } from 'vitest';
import { runStudioExample } from './index.ts';

// The real service and worker (the registry `npm start` runs) on a fresh database.
const server = await startTestServer();
const worker = await startTestWorker(server.databaseUrl);
const outputDir = await mkdtemp(join(tmpdir(), 'yorozu-studio-example-'));
afterAll(async () => {
  await worker.stop();
  await server.stop();
  await rm(outputDir, { recursive: true, force: true });
});

async function newAccountClient(): Promise<Yorozu> {
  const anonymous = new Yorozu({ baseUrl: server.baseUrl, anonymous: true });
  const signup = await anonymous.auth.signup({
    email: `studio-example-${Date.now()}@example.com`,
    password: 'a perfectly fine passphrase',
  });
  return new Yorozu({ baseUrl: server.baseUrl, accessToken: signup.tokens.accessToken });
}

it('uploads, creates a character, generates five expressions with progress, and downloads them', async () => {
  const client = await newAccountClient();
  const lines: string[] = [];
  const bars: string[] = [];
  const run = await runStudioExample(
    client,
    outputDir,
    (line) => lines.push(line),
    (bar) => bars.push(bar),
  );

  expect(run.files.map((file) => basename(file)).sort()).toEqual([
    'angry.svg',
    'happy.svg',
    'neutral.svg',
    'sad.svg',
    'surprised.svg',
  ]);
  for (const file of run.files) {
    const svg = await readFile(file, 'utf8');
    expect(svg).toMatch(/<svg[^>]* width="768" height="1024"/); // 1K at 3:4
  }
  const percents = bars.map((bar) => Number(/(\d+)%/.exec(bar)?.[1]));
  expect([...percents].sort((a, b) => a - b)).toEqual(percents);
  expect(bars.at(-1)).toContain('100% succeeded');
  expect(lines).toContain('Batch completed: 5 of 5 expressions drawn');
  expect(lines.at(-1)).toMatch(/^Credits left this month: 4 of 5 \(free plan; resets \d{4}-\d{2}-01T/);

  // The free plan's other 4 credits, then a 402 that says when credits come back.
  for (let i = 0; i < 4; i++) {
    await client.studio.generations.create({
      id: run.characterId,
      expressions: ['happy'],
      resolution: '1K',
      aspectRatio: '1:1',
    });
  }
  const refused = await client.studio.generations
    .create({ id: run.characterId, expressions: ['happy'], resolution: '1K', aspectRatio: '1:1' })
    .catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(QuotaExceededError);
  const quota = refused as QuotaExceededError;
  expect({ product: quota.product, metric: quota.metric, limit: quota.limit, used: quota.used }).toEqual({
    product: 'studio',
    metric: 'credits',
    limit: 5,
    used: 5,
  });
  expect(quota.resetsAt?.getUTCDate()).toBe(1);
  expect(quota.resetsAt && quota.resetsAt > new Date()).toBe(true);
});
