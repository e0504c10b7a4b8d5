import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = existsSync(`${root}dist/index.cjs`) && existsSync(`${root}dist/index.js`);

describe('source', () => {
  const files = readdirSync(`${root}src`, { recursive: true, encoding: 'utf8' }).filter((f) =>
    /\.ts$/.test(f),
  );

  it('is fetch-only: no Node built-ins, no require, no Buffer', () => {
    for (const file of files) {
      const text = readFileSync(`${root}src/${file}`, 'utf8');
      expect(text, file).not.toMatch(/from ['"]node:|require\(|\bBuffer\b|__dirname/);
    }
  });

  it('imports nothing at run time but openapi-fetch, and jose only in the licence entry', () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
    expect(Object.keys(pkg.dependencies)).toEqual(['jose', 'openapi-fetch']);
    expect(pkg.sideEffects).toBe(false);
    for (const file of files) {
      const text = readFileSync(`${root}src/${file}`, 'utf8');
      const bare = [...text.matchAll(/^import (?!type ).*from '([^.][^']*)'/gm)].map((m) => m[1]);
      // `@yorozu/sdk/license` verifies licences offline with jose; no other entry reaches it.
      const allowed = file === 'license.ts' ? ['openapi-fetch', 'jose'] : ['openapi-fetch'];
      expect(
        bare.filter((name) => !allowed.includes(name as string)),
        file,
      ).toEqual([]);
    }
  });
});

describe.skipIf(!built)('built package (dist)', () => {
  it('ESM and CJS builds recognise each other’s errors', async () => {
    const esm = await import(`${root}dist/index.js`);
    const cjs = createRequire(import.meta.url)(`${root}dist/index.cjs`);
    expect(esm.Yorozu).not.toBe(cjs.Yorozu);
    const fetch = async () =>
      new Response(JSON.stringify({ code: 'quota_exceeded', status: 402, title: 'Quota exceeded' }), {
        status: 402,
        headers: { 'content-type': 'application/problem+json' },
      });
    for (const [from, to] of [
      [esm, cjs],
      [cjs, esm],
    ]) {
      const error = await new from.Yorozu({ baseUrl: 'https://api.test', fetch, apiKey: 'yz_x' }).me
        .get()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(from.QuotaExceededError);
      expect(error).toBeInstanceOf(to.QuotaExceededError);
      expect(error).toBeInstanceOf(to.APIError);
      expect(error).toBeInstanceOf(to.YorozuError);
      expect(error).not.toBeInstanceOf(to.RateLimitError);
    }
  });

  it('keeps openapi-fetch out of the default entry; raw() takes a client of either build', async () => {
    for (const file of ['index.js', 'index.cjs'])
      expect(readFileSync(`${root}dist/${file}`, 'utf8')).not.toMatch(
        /from ['"]openapi-fetch|require\(['"]openapi-fetch/,
      );
    const esm = await import(`${root}dist/index.js`);
    const rawCjs = createRequire(import.meta.url)(`${root}dist/raw.cjs`);
    const fetch = async (url: string, init: RequestInit) =>
      new Response(JSON.stringify({ url, auth: new Headers(init.headers).get('authorization') }), {
        headers: { 'content-type': 'application/json' },
      });
    const client = new esm.Yorozu({ baseUrl: 'https://api.test', fetch, apiKey: 'yz_x' });
    const { data } = await rawCjs.raw(client).GET('/v1/me');
    expect(data).toEqual({ url: 'https://api.test/v1/me', auth: 'Bearer yz_x' });
  });

  it('exports the same names from both builds', async () => {
    const esm = await import(`${root}dist/index.js`);
    const cjs = createRequire(import.meta.url)(`${root}dist/index.cjs`);
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
  });
});

describe('package metadata', () => {
  it('ships a license, source maps with their sources, and says where it lives and what it runs on', () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
    expect(readFileSync(`${root}LICENSE`, 'utf8')).toMatch(/^MIT License/);
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'README.md', 'LICENSE']));
    expect(pkg.repository).toMatchObject({ type: 'git', directory: 'packages/sdk' });
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.bugs.url).toMatch(/^https:\/\//);
    expect(pkg.engines.node).toBe('>=18');
    if (built) {
      const map = JSON.parse(readFileSync(`${root}dist/index.js.map`, 'utf8'));
      expect(map.sourcesContent.length).toBe(map.sources.length);
      expect(readFileSync(`${root}dist/index.js`, 'utf8')).toMatch(
        /\/\/# sourceMappingURL=index\.js\.map\s*$/,
      );
    }
  });
});
