/**
 * Deno and Bun, installed from their npm packages (`deno`, `bun`: each ships its binary in a
 * platform package) into a temporary folder, run test/runtimes/smoke.mjs, the built ESM entry
 * against the real service.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { npmInstall, startTestServer } from '@yorozu/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const smoke = fileURLToPath(new URL('smoke.mjs', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../../dist/index.js', import.meta.url)));
const RUNTIMES = { deno: '2.9.6', bun: '1.4.4' };

(process.env.CI ? describe : describe.skipIf(!built))('the SDK under Deno and Bun', () => {
  let api: Awaited<ReturnType<typeof startTestServer>>;
  let folder: string;
  beforeAll(async () => {
    api = await startTestServer();
    folder = await mkdtemp(join(tmpdir(), 'yorozu-runtimes-'));
    await writeFile(join(folder, 'package.json'), '{"private":true}');
    const packages = Object.entries(RUNTIMES).map(([name, version]) => `${name}@${version}`);
    await npmInstall(folder, packages);
  }, 360_000);
  afterAll(async () => {
    await api?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it.each([
    ['Deno', 'deno', ['run', '--allow-net', '--allow-env', '--allow-read', smoke]],
    ['Bun', 'bun', [smoke]],
  ])(
    '%s: signup, PATCH, create, for await, typed errors',
    async (_, binary, args) => {
      const { stdout } = await run(join(folder, 'node_modules/.bin', binary), [...args, api.baseUrl], {
        cwd: fileURLToPath(new URL('.', import.meta.url)),
      });
      expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({
        email: true,
        name: 'Smoke',
        requestId: 'string',
        names: ['key 0', 'key 1', 'key 2'],
        done: true,
        validation: true,
        notFound: true,
      });
    },
    120_000,
  );
});
