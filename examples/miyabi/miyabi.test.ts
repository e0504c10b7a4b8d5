import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startTestServer } from '@yorozu/api/testing';
import { afterAll, expect, it } from 'vitest';
import { runMiyabi } from './index.ts';

// The real service on a fresh database.
const server = await startTestServer();
afterAll(() => server.stop());

it('subscribes, verifies the licence offline and counts a replayed usage batch once', async () => {
  const lines: string[] = [];
  const run = await runMiyabi(server.baseUrl, (line) => lines.push(line));
  expect(run.subscription).toMatchObject({ subject: 'miyabi-core', status: 'active', plan: 'free' });
  expect(run.claims).toMatchObject({
    plugin: 'miyabi-core',
    tier: 'free',
    subscription: run.subscription.id,
  });
  expect(run.first).toMatchObject({ accepted: 3, duplicates: 0 });
  expect(run.replay).toMatchObject({ accepted: 0, duplicates: 3 });
  expect(run.usage[0]).toMatchObject({ issues: 1, tokens: 1200, agentExecutions: { Coordinator: 1 } });
  expect(lines.some((line) => line.includes('verified offline'))).toBe(true);
});

it('runs as `npm run miyabi` against YOROZU_BASE_URL', async () => {
  const script = fileURLToPath(new URL('index.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script], {
    env: { ...process.env, YOROZU_BASE_URL: server.baseUrl },
  });
  expect(stdout).toContain('Subscribed to miyabi-core: active, plan free');
  expect(stdout).toContain('Usage sent: 3 counted, then 3 duplicates on the retry');
});
