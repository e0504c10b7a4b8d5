/**
 * The service keeps the contract: the real service runs behind Prism (`prism proxy --errors`,
 * https://docs.stoplight.io/docs/prism), which checks every request and response against
 * spec/openapi.json and fails any that violates it, and every response is checked again here
 * with Ajv (JSON Schema 2020-12): its body against the declared schema of its status and media
 * type, and its declared headers (present when required, of their declared type). Binary uploads
 * and downloads stay out: Prism re-encodes binary bodies. Each JSON operation is driven, with
 * the error statuses a client can cause.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, testApp } from './harness.ts';
import { samples } from './image-samples.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const specPath = `${root}spec/openapi.json`;
const spec = JSON.parse(await readFile(specPath, 'utf8'));
const SPEC_ID = 'https://yorozu.test/openapi.json';

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ ...spec, $id: SPEC_ID });

const { app } = await testApp();
const upstream = await app.listen({ host: '127.0.0.1', port: 0 });

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let prism: ChildProcess;
let prismUrl = '';

beforeAll(async () => {
  const port = await freePort();
  prismUrl = `http://127.0.0.1:${port}`;
  prism = spawn(
    `${root}node_modules/.bin/prism`,
    ['proxy', '--errors', '-h', '127.0.0.1', '-p', String(port), specPath, upstream],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    prism.stdout?.on('data', read);
    prism.stderr?.on('data', read);
    prism.once('exit', (code) => reject(new Error(`Prism exited (${code}):\n${output}`)));
  });
}, 90_000);

afterAll(() => {
  prism?.kill();
});

const pointer = (token: string) => encodeURIComponent(token.replaceAll('~', '~0').replaceAll('/', '~1'));

interface Call {
  operation: string;
  method: string;
  /** The spec's path template, and the concrete path. */
  template: string;
  url: string;
  token?: string;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  status: number;
  /**
   * Sent to the service itself, not through Prism: a request Prism would refuse on its own
   * (an invalid body or query, no credentials), whose answer is the service's to check.
   */
  direct?: boolean;
}

/** Each response's problems with the spec: Prism's verdict and Ajv's. */
const findings: string[] = [];
const covered = new Set<string>();

function resolve(node: { $ref?: string } & Record<string, unknown>) {
  if (!node.$ref) return node;
  let target = spec;
  for (const part of node.$ref.slice(2).split('/')) target = target[part.replaceAll('~1', '/')];
  return target;
}

function coerce(value: string, schema: { type?: string }): unknown {
  return schema.type === 'integer' || schema.type === 'number' ? Number(value) : value;
}

async function call(spec_: Call) {
  const { method, template, url, token, body, status } = spec_;
  const headers: Record<string, string> = { ...spec_.headers };
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = spec_.contentType ?? 'application/json';
  const response = await fetch(`${spec_.direct ? upstream : prismUrl}${url}`, {
    method,
    headers,
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  const json = text && /[/+]json$/.test(mediaType) ? JSON.parse(text) : undefined;
  const where = `${method} ${url} → ${response.status}`;
  covered.add(`${spec_.operation} ${response.status}`);
  if (response.status !== status) findings.push(`${where}: expected ${status}: ${text.slice(0, 300)}`);
  const violations = response.headers.get('sl-violations');
  if (violations) findings.push(`${where}: Prism: ${violations}`);

  const operation = spec.paths[template]?.[method.toLowerCase()];
  const declared = operation?.responses?.[String(response.status)];
  if (!declared) {
    findings.push(`${where}: status not declared`);
    return { response, json };
  }
  const described = resolve(declared);
  const base = declared.$ref
    ? `${declared.$ref}`
    : `#/paths/${pointer(template)}/${method.toLowerCase()}/responses/${response.status}`;
  for (const [name, header] of Object.entries<Record<string, unknown>>(described.headers ?? {})) {
    const definition = resolve(header) as { required?: boolean; schema: { type?: string } };
    const value = response.headers.get(name);
    if (value === null) {
      if (definition.required) findings.push(`${where}: required header ${name} missing`);
      continue;
    }
    if (!ajv.validate(definition.schema, coerce(value, definition.schema))) {
      findings.push(`${where}: header ${name}: ${JSON.stringify(value)} ${ajv.errorsText()}`);
    }
  }
  if (!described.content) {
    if (text) findings.push(`${where}: a body where none is declared`);
    return { response, json };
  }
  if (!described.content[mediaType]) {
    findings.push(`${where}: media type ${mediaType} not declared`);
    return { response, json };
  }
  const validate = ajv.getSchema(`${SPEC_ID}${base}/content/${pointer(mediaType)}/schema`);
  if (!validate) findings.push(`${where}: no schema at ${base}`);
  else if (!validate(json)) findings.push(`${where}: body: ${ajv.errorsText(validate.errors)}`);
  return { response, json };
}

describe('contract fidelity behind Prism', () => {
  it('answers every JSON operation as the spec says, errors included, with 0 violations', async () => {
    const account = await signUp(app);
    const token = account.accessToken;
    const credentials = { email: account.email, password: account.password };
    const missing = '00000000-0000-4000-8000-000000000000';
    const op = (operation: string, method: string, template: string, url = template) => ({
      operation,
      method,
      template,
      url,
    });

    // Kernel: auth, me, api keys, audit log, usage, jobs, files (metadata only).
    await call({
      ...op('auth.signup', 'POST', '/v1/auth/signup'),
      body: { email: 'x' },
      status: 400,
      direct: true,
    });
    const login = await call({
      ...op('auth.login', 'POST', '/v1/auth/login'),
      body: credentials,
      status: 200,
    });
    await call({
      ...op('auth.login', 'POST', '/v1/auth/login'),
      body: { ...credentials, password: 'not-the-password-1' },
      status: 401,
    });
    await call({
      ...op('auth.login', 'POST', '/v1/auth/login'),
      body: 'email=a',
      contentType: 'text/plain',
      status: 415,
      direct: true,
    });
    const refreshed = await call({
      ...op('auth.refresh', 'POST', '/v1/auth/refresh'),
      body: { refreshToken: login.json.tokens.refreshToken },
      status: 200,
    });
    await call({
      ...op('auth.logout', 'POST', '/v1/auth/logout'),
      body: { refreshToken: refreshed.json.refreshToken },
      status: 204,
    });
    await call({ ...op('me.get', 'GET', '/v1/me'), token, status: 200 });
    await call({ ...op('me.get', 'GET', '/v1/me'), status: 401, direct: true });
    await call({ ...op('me.update', 'PATCH', '/v1/me'), token, body: { name: 'Fidelity' }, status: 200 });
    await call({
      ...op('me.update', 'PATCH', '/v1/me'),
      token,
      body: { nope: 1 },
      status: 400,
      direct: true,
    });
    const key = await call({
      ...op('apiKeys.create', 'POST', '/v1/api-keys'),
      token,
      body: { name: 'read only', scopes: ['me:read'] },
      status: 201,
    });
    await call({ ...op('apiKeys.list', 'GET', '/v1/api-keys', '/v1/api-keys?limit=1'), token, status: 200 });
    await call({
      ...op('apiKeys.list', 'GET', '/v1/api-keys', '/v1/api-keys?limit=0'),
      token,
      status: 400,
      direct: true,
    });
    await call({ ...op('apiKeys.list', 'GET', '/v1/api-keys'), token: key.json.secret, status: 403 });
    await call({
      ...op('apiKeys.delete', 'DELETE', '/v1/api-keys/{id}', `/v1/api-keys/${key.json.id}`),
      token,
      status: 204,
    });
    await call({
      ...op('apiKeys.delete', 'DELETE', '/v1/api-keys/{id}', `/v1/api-keys/${missing}`),
      token,
      status: 404,
    });
    await call({ ...op('me.profile.get', 'GET', '/v1/me/profile'), token, status: 200 });
    await call({ ...op('me.follows.list', 'GET', '/v1/me/follows'), token, status: 200 });
    await call({
      ...op(
        'admin.subscriptions.update',
        'PUT',
        '/v1/admin/accounts/{accountId}/subscriptions/{product}',
        `/v1/admin/accounts/${account.id}/subscriptions/studio`,
      ),
      token,
      body: { plan: 'pro' },
      status: 403,
    });
    await call({ ...op('auditLog.list', 'GET', '/v1/audit-log'), token, status: 200 });
    await call({ ...op('usage.list', 'GET', '/v1/usage'), token, status: 200 });
    await call({ ...op('usage.ledger.list', 'GET', '/v1/usage/ledger'), token, status: 200 });
    await call({ ...op('jobs.list', 'GET', '/v1/jobs', '/v1/jobs?status=queued'), token, status: 200 });
    await call({ ...op('jobs.get', 'GET', '/v1/jobs/{id}', `/v1/jobs/${missing}`), token, status: 404 });
    await call({
      ...op('jobs.cancel', 'POST', '/v1/jobs/{id}/cancel', `/v1/jobs/${missing}/cancel`),
      token,
      status: 404,
    });
    await call({ ...op('files.list', 'GET', '/v1/files'), token, status: 200 });
    await call({
      ...op('files.delete', 'DELETE', '/v1/files/{id}', `/v1/files/${missing}`),
      token,
      status: 404,
    });

    // Studio: a base image uploaded straight to the service (binary), then JSON through Prism.
    const upload = await fetch(`${upstream}/v1/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
      body: samples.png,
    });
    const file = (await upload.json()) as { id: string };
    const character = await call({
      ...op('studio.characters.create', 'POST', '/v1/studio/characters'),
      token,
      body: { name: 'Fidelity', baseImageFileId: file.id, artStyle: 'illustration' },
      status: 201,
    });
    const id = character.json.id;
    const characterPath = `/v1/studio/characters/${id}`;
    await call({
      ...op('studio.characters.create', 'POST', '/v1/studio/characters'),
      token,
      body: { name: 'Fidelity', baseImageFileId: missing, artStyle: 'illustration' },
      status: 400,
    });
    await call({ ...op('studio.characters.list', 'GET', '/v1/studio/characters'), token, status: 200 });
    await call({
      ...op('studio.characters.get', 'GET', '/v1/studio/characters/{id}', characterPath),
      token,
      status: 200,
    });
    await call({
      ...op('studio.characters.update', 'PATCH', '/v1/studio/characters/{id}', characterPath),
      token,
      body: { name: 'Renamed' },
      status: 200,
    });
    const generation = await call({
      ...op(
        'studio.generations.create',
        'POST',
        '/v1/studio/characters/{id}/generations',
        `${characterPath}/generations`,
      ),
      token,
      body: { expressions: ['happy'] },
      status: 202,
    });
    await call({
      ...op(
        'studio.generations.create',
        'POST',
        '/v1/studio/characters/{id}/generations',
        `${characterPath}/generations`,
      ),
      token,
      body: { expressions: ['custom'] },
      status: 400,
      direct: true,
    });
    await call({
      ...op('jobs.get', 'GET', '/v1/jobs/{id}', `/v1/jobs/${generation.json.job.id}`),
      token,
      status: 200,
    });
    await call({
      ...op(
        'studio.differences.list',
        'GET',
        '/v1/studio/characters/{id}/differences',
        `${characterPath}/differences`,
      ),
      token,
      status: 200,
    });
    await call({
      ...op(
        'studio.differences.get',
        'GET',
        '/v1/studio/differences/{id}',
        `/v1/studio/differences/${missing}`,
      ),
      token,
      status: 404,
    });
    await call({
      ...op(
        'studio.differences.delete',
        'DELETE',
        '/v1/studio/differences/{id}',
        `/v1/studio/differences/${missing}`,
      ),
      token,
      status: 404,
    });
    await call({
      ...op(
        'studio.generations.list',
        'GET',
        '/v1/studio/characters/{id}/generations',
        `${characterPath}/generations`,
      ),
      token,
      status: 200,
    });
    await call({
      ...op(
        'studio.generations.get',
        'GET',
        '/v1/studio/generations/{id}',
        `/v1/studio/generations/${generation.json.batchId}`,
      ),
      token,
      status: 200,
    });
    await call({ ...op('studio.credits.get', 'GET', '/v1/studio/credits'), token, status: 200 });
    await call({
      ...op('studio.creditTransactions.list', 'GET', '/v1/studio/credit-transactions'),
      token,
      status: 200,
    });
    await call({ ...op('studio.stats.get', 'GET', '/v1/studio/stats'), token, status: 200 });
    await call({
      ...op('jobs.cancel', 'POST', '/v1/jobs/{id}/cancel', `/v1/jobs/${generation.json.job.id}/cancel`),
      token,
      status: 200,
    });
    await call({
      ...op('studio.characters.delete', 'DELETE', '/v1/studio/characters/{id}', characterPath),
      token,
      status: 204,
    });

    // Stickers.
    const sticker = {
      title: 'スーパーゼウス',
      characterName: 'ヘッドロココ',
      attribute: 'holy',
      rarity: 'secret',
      backgroundColor: '#3a7bd5',
    };
    await call({
      ...op('stickers.images.create', 'POST', '/v1/stickers/images'),
      token,
      body: sticker,
      status: 202,
    });
    await call({
      ...op('stickers.images.create', 'POST', '/v1/stickers/images'),
      token,
      body: { ...sticker, rarity: 'legendary' },
      status: 400,
      direct: true,
    });
    await call({ ...op('stickers.images.list', 'GET', '/v1/stickers/images'), token, status: 200 });
    await call({
      ...op('stickers.images.get', 'GET', '/v1/stickers/images/{id}', `/v1/stickers/images/${missing}`),
      token,
      status: 404,
    });
    await call({
      ...op('stickers.images.delete', 'DELETE', '/v1/stickers/images/{id}', `/v1/stickers/images/${missing}`),
      token,
      status: 404,
    });
    await call({ ...op('stickers.usage.list', 'GET', '/v1/stickers/usage'), token, status: 200 });

    expect(findings).toEqual([]);
    expect(covered.size).toBeGreaterThan(40);
  }, 110_000);
});
