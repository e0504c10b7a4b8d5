import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startTestServer, startTestWorker } from '@yorozu/api/testing';
import { Yorozu } from '@yorozu/sdk';
import { afterAll, expect, it } from 'vitest';
import { runStickersExample } from './index.ts';

// The real service and worker (the registry `npm start` runs) on a fresh database.
const server = await startTestServer();
const worker = await startTestWorker(server.databaseUrl);
const outputDir = await mkdtemp(join(tmpdir(), 'yorozu-stickers-example-'));
afterAll(async () => {
  await worker.stop();
  await server.stop();
  await rm(outputDir, { recursive: true, force: true });
});

it('renders five stickers of every rarity with progress and saves them; a second run comes from the cache', async () => {
  const anonymous = new Yorozu({ baseUrl: server.baseUrl, anonymous: true });
  const signup = await anonymous.auth.signup({
    email: `stickers-example-${Date.now()}@example.com`,
    password: 'a perfectly fine passphrase',
  });
  const client = new Yorozu({ baseUrl: server.baseUrl, accessToken: signup.tokens.accessToken });
  const lines: string[] = [];
  const first = await runStickersExample(client, outputDir, (line) => lines.push(line));

  expect(first.cached).toBe(0);
  expect(first.files.map((file) => basename(file))).toEqual([
    '1-common.svg',
    '2-rare.svg',
    '3-super_rare.svg',
    '4-secret.svg',
    '5-secret.svg',
  ]);
  for (const [index, file] of first.files.entries()) {
    const svg = await readFile(file, 'utf8');
    expect(svg).toMatch(/<svg[^>]* width="600" height="840"/);
    expect(svg).toContain(`data-rarity="${first.images[index]?.rarity}"`);
  }
  // Every sticker reports its progress up to 100 %.
  const finished = lines.filter((line) => line.includes('100%'));
  expect(finished).toHaveLength(5);
  expect(lines.at(-1)).toBe('Today: 5 rendered, 0 from the cache, 0 failed.');

  const second = await runStickersExample(client, outputDir, () => {});
  expect(second.cached).toBe(5);
  expect(second.images.map((image) => image.id)).toEqual(first.images.map((image) => image.id));
  const quota = (await client.usage.list()).data.find((metric) => metric.product === 'stickers');
  expect(quota).toMatchObject({ used: 5, limit: 10, remaining: 5 });
});
