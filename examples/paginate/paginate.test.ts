import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startTestServer } from '@yorozu/api/testing';
import { Yorozu } from '@yorozu/sdk';
import { afterAll, expect, it } from 'vitest';
import { runPaginateExample, walkApiKeys } from './index.ts';

// The real service on a fresh database.
const server = await startTestServer();
const folder = await mkdtemp(join(tmpdir(), 'yorozu-paginate-example-'));
afterAll(async () => {
  await server.stop();
  await rm(folder, { recursive: true, force: true });
});

/** A new account and an API key that may list and create keys. */
async function newApiKey(label: string): Promise<string> {
  const anonymous = new Yorozu({ baseUrl: server.baseUrl, anonymous: true });
  const { tokens } = await anonymous.auth.signup({
    email: `paginate-${label}-${Date.now()}@example.com`,
    password: 'a perfectly fine passphrase',
  });
  const user = new Yorozu({ baseUrl: server.baseUrl, accessToken: tokens.accessToken });
  const key = await user.apiKeys.create({
    name: 'paginate',
    scopes: ['me:read', 'api-keys:read', 'api-keys:write'],
  });
  return key.secret;
}

it('crashes half-way through the second page and resumes from the saved cursor, skipping nothing', async () => {
  const client = new Yorozu({ baseUrl: server.baseUrl, apiKey: await newApiKey('fn') });
  const cursorFile = join(folder, 'fn-cursor.json');
  const lines: string[] = [];
  const run = await runPaginateExample(client, { cursorFile, print: (line) => lines.push(line) });

  const all = (await client.apiKeys.list({ limit: 100 })).data.map((key) => key.id);
  expect(all).toHaveLength(25);
  expect(run.first).toEqual(all.slice(0, 15));
  // The saved cursor names the second page (keys 11 to 20): it is walked again from its start.
  expect(run.resumed).toEqual(all.slice(10));
  expect(lines[0]).toBe('Created 24 API keys to page through.');
  expect(lines).toContain(
    lines.find((line) => /^First walk failed: simulated crash after 15 keys\./.test(line)),
  );
  expect(lines.at(-1)).toBe(
    'Resumed walk: 15 keys from the saved page on; 25 distinct keys in all, none skipped.',
  );
  await expect(readFile(cursorFile)).rejects.toThrow(/ENOENT/); // done: nothing to resume

  // A walk with no saved cursor starts at the first page.
  const again: string[] = [];
  await walkApiKeys(client, { cursorFile, limit: 7, onKey: (_name, id) => again.push(id) });
  expect(again).toEqual(all);
});

it('runs as `npm run paginate` with YOROZU_API_KEY and YOROZU_BASE_URL', async () => {
  const script = fileURLToPath(new URL('index.ts', import.meta.url));
  const cursorFile = join(folder, 'cli-cursor.json');
  const { stdout } = await promisify(execFile)(process.execPath, [script, cursorFile], {
    env: { ...process.env, YOROZU_BASE_URL: server.baseUrl, YOROZU_API_KEY: await newApiKey('cli') },
  });
  expect(stdout).toContain(
    `First walk failed: simulated crash after 15 keys. Saved in ${cursorFile}: {"cursor":"`,
  );
  expect(stdout).toMatch(/Resumed walk: 15 keys .* 25 distinct keys in all, none skipped\.\n$/);
});
