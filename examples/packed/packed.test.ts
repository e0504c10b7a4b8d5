import { startTestServer } from '@yorozu/api/testing';
import { Yorozu } from '@yorozu/sdk';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compile, installPacked, type PackedProject, readmeQuickStart, runQuickStart } from './index.ts';

// The real service on a fresh database, and the packed SDK in a fresh project.
const server = await startTestServer();
let packed: PackedProject;
beforeAll(async () => {
  packed = await installPacked(() => {});
  // npm install from the registry: minutes when its cache is cold and the machine busy.
}, 360_000);
afterAll(async () => {
  await packed?.remove();
  await server.stop();
});

it('the tarball holds the build, its source maps, the README and the LICENSE, and nothing else', async () => {
  const lines: string[] = [];
  const again = await installPacked((line) => lines.push(line));
  await again.remove();
  // The declarations the entries share go in one chunk whose name ends in a content hash.
  const files = lines[0]!
    .replace(/^Packed [^:]+: /, '')
    .split(', ')
    .map((path) => path.replace(/^dist\/client-[\w-]+\.(d\.c?ts)$/, 'dist/client-<hash>.$1'))
    .sort();
  // Each entry (`.`, `./raw`, `./license`) in ESM and CJS with maps and declarations; `raw/` and
  // `license/` hold the package.json that points resolvers without `exports` (node10) at them.
  const entry = (name: string) =>
    ['cjs', 'cjs.map', 'd.cts', 'd.ts', 'js', 'js.map'].map((extension) => `dist/${name}.${extension}`);
  expect(files).toEqual(
    [
      'LICENSE',
      'README.md',
      'dist/client-<hash>.d.cts',
      'dist/client-<hash>.d.ts',
      ...entry('index'),
      ...entry('license'),
      ...entry('raw'),
      'license/package.json',
      'package.json',
      'raw/package.json',
    ].sort(),
  );
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
