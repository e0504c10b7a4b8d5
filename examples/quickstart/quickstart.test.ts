import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startTestServer } from '@yorozu/api/testing';
import { PermissionDeniedError, Yorozu } from '@yorozu/sdk';
import { afterAll, expect, it } from 'vitest';
import { runQuickstart } from './index.ts';

// The real service on a fresh database.
const server = await startTestServer();
afterAll(() => server.stop());

it('signs up, creates an API key and calls me with it', async () => {
  const lines: string[] = [];
  const run = await runQuickstart(server.baseUrl, (line) => lines.push(line));

  expect(run.me).toEqual(run.account);
  expect(run.apiKey.scopes).toEqual(['me:read', 'api-keys:read']);
  expect(lines[0]).toBe(`Signed up ${run.account.email} (account ${run.account.id})`);
  expect(lines.at(-1)).toMatch(
    /^GET \/v1\/me with the key: quickstart-\d+@example\.com, role member, since .+ \(request \S+\)$/,
  );
  // The key works on its own, within its scopes only.
  const client = new Yorozu({ baseUrl: server.baseUrl, apiKey: run.apiKey.secret });
  expect((await client.apiKeys.list()).data.map((key) => key.id)).toEqual([run.apiKey.id]);
  await expect(client.apiKeys.delete({ id: run.apiKey.id })).rejects.toBeInstanceOf(PermissionDeniedError);
});

it('runs as `npm run quickstart` against YOROZU_BASE_URL', async () => {
  const script = fileURLToPath(new URL('index.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script], {
    env: { ...process.env, YOROZU_BASE_URL: server.baseUrl },
  });
  expect(stdout).toMatch(/^Signed up quickstart-\d+@example\.com/);
  expect(stdout).toContain('GET /v1/me with the key: quickstart-');
});
