import { startTestServer } from '@yorozu/api/testing';
import { Yorozu } from '@yorozu/sdk';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compile, installPacked, type PackedProject, readmeQuickStart, runQuickStart } from './index.ts';

// The real service on a fresh database, and the packed SDK in a fresh project.
const server = await startTestServer();
let packed: PackedProject;
beforeAll(async () => {
  packed = await installPacked(() => {});
}, 180_000);
afterAll(async () => {
  await packed?.remove();
  await server.stop();
});

it('the tarball holds the build, its source maps, the README and the LICENSE, and nothing else', async () => {
  const lines: string[] = [];
  const again = await installPacked((line) => lines.push(line));
  await again.remove();
  const files = lines[0]!
    .replace(/^Packed [^:]+: /, '')
    .split(', ')
    .sort();
  expect(files).toEqual([
    'LICENSE',
    'README.md',
    'dist/index.cjs',
    'dist/index.cjs.map',
    'dist/index.d.cts',
    'dist/index.d.ts',
    'dist/index.js',
    'dist/index.js.map',
    'package.json',
  ]);
}, 180_000);

it("the README's quick start compiles with strict and exactOptionalPropertyTypes", async () => {
  expect(await readmeQuickStart()).toContain('new Yorozu({ apiKey: process.env.YOROZU_API_KEY })');
  expect(await compile(packed.folder)).toBe('');
}, 120_000);

it("the README's quick start runs against the service with YOROZU_API_KEY and YOROZU_BASE_URL", async () => {
  const anonymous = new Yorozu({ baseUrl: server.baseUrl, anonymous: true });
  const signup = await anonymous.auth.signup({
    email: `packed-${Date.now()}@example.com`,
    password: 'a perfectly fine passphrase',
  });
  const user = new Yorozu({ baseUrl: server.baseUrl, accessToken: signup.tokens.accessToken });
  const key = await user.apiKeys.create({
    name: 'quick start',
    scopes: ['me:read', 'api-keys:write', 'audit-log:read'],
  });
  const output = await runQuickStart(packed.folder, {
    YOROZU_API_KEY: key.secret,
    YOROZU_BASE_URL: server.baseUrl,
  });
  const [secret, ...entries] = output.trim().split('\n');
  expect(secret).toMatch(/^yz_/);
  // The audit log has the key made for the test and the one the quick start made.
  expect(entries.filter((line) => / apiKeys\.create$/.test(line)).length).toBe(2);
  expect(entries.at(-1)).toMatch(/ auth\.signup$/);
}, 60_000);
