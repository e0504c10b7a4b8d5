import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BINARY_BODY,
  BLOB,
  type Generated,
  generate,
  JSON_BODY,
  LIST,
  NO_CONTENT,
  RAW_BODY,
  REDIRECT,
  STREAM,
} from '../scripts/codegen';
import { responseBytes } from '../src/core';
import { table as apiTable } from '../src/generated/resources';
import { bind, type Entry, invoke, type Transport } from '../src/resource';

const fixture = fileURLToPath(new URL('./fixtures/openapi.json', import.meta.url));
const out = fileURLToPath(new URL('./.generated/', import.meta.url));
// biome-ignore lint/suspicious/noExplicitAny: specs are plain JSON.
let spec: any;
let generated: Generated;

beforeAll(async () => {
  spec = JSON.parse(await readFile(fixture, 'utf8'));
  generated = await generate(spec, { specName: 'test/fixtures/openapi.json', runtime: '../../src/resource' });
  await mkdir(out, { recursive: true });
  await writeFile(`${out}schema.d.ts`, generated.schema);
  await writeFile(`${out}resources.ts`, generated.resources);
  await writeFile(`${out}namespaces.ts`, generated.namespaces);
});

const minimal = (paths: object) => ({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths });
const op = (id: string, extra: object = {}) => ({
  operationId: id,
  responses: { 204: { description: 'ok' } },
  ...extra,
});

describe('generator', () => {
  it('marks both files as generated, with how to regenerate', () => {
    for (const text of [generated.schema, generated.resources]) {
      expect(text.split('\n')[0]).toBe(
        '// Generated from test/fixtures/openapi.json by scripts/generate.ts: do not edit.',
      );
      expect(text).toContain('`npm run spec`');
    }
    expect(generated.schema).toContain('export interface operations');
    expect(generated.schema).toContain('"studio.characters.list"');
  });

  it('emits one entry per operationId, detecting lists from the spec and not from names', () => {
    const byId = Object.fromEntries(generated.operations.map((o) => [o.id, o]));
    expect(Object.keys(byId).sort()).toEqual([
      'files.create',
      'files.get',
      'jobs.events',
      'jobs.get',
      'reports.list',
      'stickers.packs.tags.set',
      'studio.characters.create',
      'studio.characters.generate',
      'studio.characters.get',
      'studio.characters.list',
      'studio.characters.search',
      'studio.characters.update',
    ]);
    expect(byId['studio.characters.list']!.flags).toBe(LIST);
    expect(byId['studio.characters.search']!.flags).toBe(LIST);
    expect(byId['reports.list']!.flags).toBe(0);
    expect(byId['studio.characters.create']!.flags).toBe(JSON_BODY);
    expect(byId['studio.characters.generate']).toMatchObject({ flags: JSON_BODY, query: ['dryRun'] });
    expect(byId['stickers.packs.tags.set']!.flags).toBe(RAW_BODY | NO_CONTENT);
    expect(byId['jobs.events']!.flags).toBe(STREAM);
    expect(byId['files.get']!.flags).toBe(BLOB);
    expect(byId['files.create']!.flags).toBe(BINARY_BODY);
    expect(byId['studio.characters.get']).toMatchObject({
      method: 'GET',
      path: '/v1/studio/characters/{id}',
    });
  });

  it('nests the table by operationId and documents each method from its summary', () => {
    const text = generated.resources;
    expect(text).toContain('export const defaultBaseUrl: string | undefined = "https://api.fixture.test";');
    expect(text).toContain('export const apiVersion = "9.9.9";');
    // Conventional members (the entry follows from the names) are written 0.
    expect(text).toMatch(/studio: \{\n {4}characters: \{\n {6}list: 0,/);
    expect(text).toContain('generate: ["POST", "/v1/studio/characters/{id}/generate", 2, ["dryRun"]],');
    expect(text).toContain('set: ["PUT", "/v1/stickers/packs/{packId}/tags", 68],');
    expect(text).toMatch(/jobs: \{\n(.*\n)*? {4}get: 0,/);
    expect(text).toContain("list: ListMethod<operations['studio.characters.list']>;");
    expect(text).toContain("get: Method<operations['studio.characters.get']>;");
    expect(text).toContain("events: Method<operations['jobs.events'], 'stream'>;");
    expect(text).toContain("get: Method<operations['files.get'], 'blob'>;");
    expect(text).toContain('* Create a character\n');
    expect(text).toContain('* Costs one credit.\n');
    expect(text).toContain('* `POST /v1/studio/characters` (`studio.characters.create`)');
    expect(text).toContain('@deprecated');
    expect(text).toContain('Generate a portrait *\\/ safely');
  });

  it('leaves operations marked x-internal (called by other services, not clients) out of the SDK', async () => {
    const { resources, operations } = await generate(
      minimal({
        '/hooks/stripe': { post: op('billing.stripeWebhook', { 'x-internal': true }) },
        '/me': { get: op('me.get') },
      }),
    );
    expect(operations.map((o) => o.id)).toEqual(['me.get']);
    expect(resources).not.toContain('stripeWebhook');
  });

  it('turns an operation that only redirects into a `<verb>Url` helper', async () => {
    const { resources, namespaces, operations } = await generate(
      minimal({
        '/oauth/{provider}/start': {
          get: {
            operationId: 'auth.oauth.start',
            parameters: [{ name: 'provider', in: 'path', required: true, schema: { type: 'string' } }],
            responses: { 302: { description: 'to the provider' }, 404: { description: 'none' } },
          },
        },
      }),
    );
    expect(operations[0]?.flags).toBe(REDIRECT);
    expect(resources).toContain('startUrl: ["GET", "/oauth/{provider}/start", 128],');
    expect(resources).toContain("startUrl: UrlMethod<operations['auth.oauth.start']>;");
    expect(resources).toContain('Returns the URL to open in the browser (a string); nothing is fetched.');
    expect(namespaces).toContain('Params of `client.auth.oauth.startUrl()`');
  });

  it("names each method's params and result schemas in one namespace per resource", () => {
    const text = generated.namespaces;
    expect(text).toContain('export declare namespace Studio {');
    expect(text).toContain('  export namespace Characters {');
    expect(text).toContain("    export type ListParams = Input<operations['studio.characters.list']>;");
    expect(text).toContain('Params of `client.studio.characters.create()`: Create a character.');
  });

  it("writes 0 only where the run time derives the operation's own entry from its names", async () => {
    const real = JSON.parse(
      await readFile(fileURLToPath(new URL('../../../spec/openapi.json', import.meta.url)), 'utf8'),
    );
    const { operations } = await generate(real, { specName: 'spec/openapi.json' });
    const bound = new Map<string, Entry>();
    const walk = (node: object, names: string[]) => {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'function') bound.set([...names, key].join('.'), value() as Entry);
        else walk(value, [...names, key]);
      }
    };
    walk(
      bind(apiTable, (entry) => entry),
      [],
    );
    expect(bound.size).toBe(operations.length);
    for (const op of operations) {
      const name = op.flags & REDIRECT ? op.id.replace(/\.(\w+)$/, '.$1Url') : op.id;
      const [method, path, flags = 0, query = []] = bound.get(name) ?? [];
      expect({ id: op.id, method, path, flags, query }).toEqual({
        id: op.id,
        method: op.method,
        path: op.path,
        flags: op.flags,
        query: op.query,
      });
    }
    expect(generated.resources).toContain('list: 0,');
  });

  it('is deterministic', async () => {
    const again = await generate(spec, {
      specName: 'test/fixtures/openapi.json',
      runtime: '../../src/resource',
    });
    expect(again.resources).toBe(generated.resources);
    expect(again.schema).toBe(generated.schema);
  });

  it('keeps body fields with a default optional and types binary bytes as Blob', async () => {
    const { schema } = await generate(
      minimal({
        '/a': {
          post: op('a.create', {
            requestBody: {
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['name'],
                    properties: { name: { type: 'string' }, size: { enum: ['1K', '2K'], default: '2K' } },
                  },
                },
              },
            },
          }),
        },
        '/b': {
          post: op('b.create', {
            requestBody: { content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } },
          }),
        },
      }),
    );
    expect(schema).toMatch(/name: string;\s+\/\*\*[^/]*@default 2K[^/]*\*\/\s+size\?: "1K" \| "2K";/);
    expect(schema).toContain('"image/png": Blob;');
  });

  it.each([
    ['a missing operationId', minimal({ '/a': { get: { responses: {} } } }), /has no operationId/],
    [
      'a duplicate operationId',
      minimal({ '/a': { get: op('a.get') }, '/b': { get: op('a.get') } }),
      /unique|duplicate/,
    ],
    ['a reserved name', minimal({ '/a': { get: op('raw.get') } }), /shadow client.raw/],
    [
      'an operation under an operation',
      minimal({ '/a': { get: op('a') }, '/b': { get: op('a.b') } }),
      /nests under/,
    ],
    [
      'a body field named like a parameter',
      minimal({
        '/a/{name}': {
          post: op('a.create', {
            parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
            requestBody: {
              content: {
                'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } },
              },
            },
          }),
        },
      }),
      /clashes with a body field/,
    ],
    ['an undeclared path parameter', minimal({ '/a/{id}': { get: op('a.get') } }), /\{id\} is not declared/],
  ])('rejects %s', async (_, bad, message) => {
    await expect(generate(bad)).rejects.toThrow(message);
  });
});

describe('generated code from the fixture', () => {
  it('type-checks: params and results come from the spec', async () => {
    const usage = `${out}usage.ts`;
    await writeFile(
      usage,
      `import type { Resources } from './resources';
import type { Studio } from './namespaces';
import type { WithRequestId } from '../../src/resource';
declare const r: Resources;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(_: T) => {};

const character = await r.studio.characters.get({ id: 'c1' });
expectType<Equal<typeof character, WithRequestId<{ id: string; name: string; style?: 'anime' | 'pixel' }>>>(true);
// Optional params also take undefined (exactOptionalPropertyTypes).
r.studio.characters.list({ limit: undefined });
// Named types: params and the schemas results are made of.
const search: Studio.Characters.SearchParams = { q: 'ada' };
r.studio.characters.search(search);
expectType<Equal<Studio.Characters.Character, { id: string; name: string; style?: 'anime' | 'pixel' }>>(true);
for await (const c of r.studio.characters.list({ limit: 5 })) expectType<Equal<typeof c.name, string>>(true);
for await (const c of r.studio.characters.search({ q: 'ada' })) expectType<Equal<typeof c.id, string>>(true);
const job = await r.studio.characters.generate({ id: 'c1', prompt: 'smile', dryRun: true });
expectType<Equal<typeof job.status, 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled'>>(true);
const none = await r.stickers.packs.tags.set({ packId: 'p', body: ['cute'] });
expectType<Equal<typeof none, undefined>>(true);
await r.studio.characters.create({ name: 'Ada' }, { idempotencyKey: 'k' });
await r.files.create({ body: new Blob(['<svg/>'], { type: 'image/svg+xml' }) });
await r.files.create({ body: new Uint8Array([137, 80, 78, 71]) });
// @ts-expect-error an upload is bytes, not an object
r.files.create({ body: { bytes: [] } });
const file = await r.files.get({ id: 'f1' });
expectType<Equal<typeof file, Blob>>(true);
const events = await r.jobs.events({ id: 'j1' });
expectType<Equal<typeof events, ReadableStream<Uint8Array>>>(true);
// @ts-expect-error prompt is required
r.studio.characters.generate({ id: 'c1' });
// @ts-expect-error q is required
r.studio.characters.search();
// @ts-expect-error style is an enum
r.studio.characters.create({ name: 'Ada', style: 'oil' });
// @ts-expect-error the body of tags.set is an array under "body"
r.stickers.packs.tags.set({ packId: 'p', tags: ['cute'] });
// @ts-expect-error no such operation
r.studio.characters.destroy;
`,
    );
    const config = ts.getParsedCommandLineOfConfigFile(
      fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    );
    const program = ts.createProgram([usage], { ...config!.options, noEmit: true });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map(
        (d) =>
          `${d.file?.fileName.split('/').pop()}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
      );
    expect(diagnostics).toEqual([]);
  }, 60_000);

  it('splits params into path, query and body at run time, and reads non-JSON bodies raw', async () => {
    type Table = {
      studio: { characters: { generate: Entry } };
      stickers: { packs: { tags: { set: Entry } } };
      files: { get: Entry; create: Entry };
      jobs: { events: Entry };
    };
    const { table } = (await import(`${out}resources.ts`)) as { table: Table };
    const seen: { method: string; url: string; body: string; type?: string | null }[] = [];
    const raw: Transport = {
      baseUrl: 'https://api.fixture.test',
      send: async ({ method, url, headers, body }) => {
        seen.push({ method, url, body: await new Response(body).text() });
        if (url.endsWith('/v1/files')) seen.at(-1)!.type = headers.get('content-type');
        if (url.endsWith('/events'))
          return new Response('data: 1\n\n', { headers: { 'content-type': 'text/event-stream' } });
        // As `send` leaves them: the body read, its bytes kept.
        const [text, type] = url.includes('/files/')
          ? ['<svg/>', 'image/svg+xml']
          : [JSON.stringify({ id: 'j1', status: 'queued', progress: 0 }), 'application/json'];
        const response = new Response(null, { status: 202, headers: { 'content-type': type } });
        responseBytes.set(response, new TextEncoder().encode(text).buffer);
        return response;
      },
    };
    await invoke(raw, table.studio.characters.generate, { id: 'c 1', prompt: 'smile', dryRun: true });
    await invoke(raw, table.stickers.packs.tags.set, { packId: 'p1', body: ['cute', 'cat'] });
    expect(seen).toEqual([
      {
        method: 'POST',
        url: 'https://api.fixture.test/v1/studio/characters/c%201/generate?dryRun=true',
        body: '{"prompt":"smile"}',
      },
      { method: 'PUT', url: 'https://api.fixture.test/v1/stickers/packs/p1/tags', body: '["cute","cat"]' },
    ]);
    seen.length = 0;
    await invoke(raw, table.files.create, { body: new Blob(['<svg/>'], { type: 'image/svg+xml' }) });
    await invoke(raw, table.files.create, { body: new TextEncoder().encode('PNG') });
    await invoke(raw, table.files.create, { body: 'raw text' }, { headers: { 'content-type': 'image/png' } });
    expect(seen.map((s) => [s.body, s.type])).toEqual([
      ['<svg/>', 'image/svg+xml'],
      ['PNG', 'application/octet-stream'],
      ['raw text', 'image/png'],
    ]);
    const file = (await invoke(raw, table.files.get, { id: 'f1' })) as Blob;
    expect(await file.text()).toBe('<svg/>');
    const stream = (await invoke(raw, table.jobs.events, { id: 'j1' })) as ReadableStream<Uint8Array>;
    expect(await new Response(stream).text()).toBe('data: 1\n\n');
  });
});
