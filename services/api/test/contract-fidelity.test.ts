/**
 * The service keeps the contract: the real service runs behind Prism (`prism proxy --errors`,
 * https://docs.stoplight.io/docs/prism), which checks every request and response against
 * spec/openapi.json and fails any that violates it, and every response is checked again here
 * with Ajv (JSON Schema 2020-12): its body against the declared schema of its status and media
 * type, and its declared headers (present when required, of their declared type).
 *
 * Three instances of the service stand behind one Prism, chosen per request by a small switch:
 * the main one, one whose rate limit allows one request a minute (429), and one whose database
 * connection is cut (503). Requests start from the spec's own examples, so every operation is
 * driven; the cases below change only what their status needs. Every operation goes through the
 * sweeps (400, 401, 403, 404, 413, 415, 429, 503 as it declares them); every operation must be
 * driven to a success by a case and must have answered every status it declares, apart from the
 * few listed in `UNREACHABLE` with the reason. A new operation fails this test until it adds its
 * cases here.
 * Binary request and response bodies stay out of Prism (it re-encodes them as UTF-8).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { sql } from 'slonik';
import { afterAll, beforeAll, describe, expect, it, onTestFailed, onTestFinished } from 'vitest';
import { createEngines } from '../src/composition.ts';
import { loadConfig } from '../src/config.ts';
import { createJobHandlers } from '../src/jobs.ts';
import { stripeSignature } from '../src/kernel/payments/index.ts';
import { withAccount } from '../src/kernel/tenancy.ts';
import { githubDelivery } from '../src/modules/miyabi/agents/testing.ts';
import { notify } from '../src/modules/miyabi/events/index.ts';
import { lineSignature } from '../src/modules/miyabi/events/line/signature.ts';
import { postgresEventStore } from '../src/modules/miyabi/events/store.ts';
import { cookiePair, type FakeUser, startFakeOAuth } from '../src/testing/fake-oauth.ts';
import { type Account, bearer, ownDatabase, signUp, testApp } from './harness.ts';
import { samples } from './image-samples.ts';
import { wav } from './media-samples.ts';
import { superuserPool } from './superuser.ts';
import { startTcpProxy } from './tcp-proxy.ts';
import { startTestWorker, waitForJob } from './worker.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const specPath = `${root}spec/openapi.json`;
const spec = JSON.parse(await readFile(specPath, 'utf8'));
const SPEC_ID = 'https://yorozu.test/openapi.json';

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ ...spec, $id: SPEC_ID });

const WEBHOOK_SECRET = 'whsec_fidelity_0123456789abcdef';
const LINE_SECRET = 'line-fidelity-channel-secret-0123';
// One JWT secret for the three instances, so a token one issues is good at the others.
const MIYABI_GITHUB_SECRET = 'github-fidelity-secret-0123456789';
const NEX_INGEST_SECRET = 'nex-ingest-fidelity-secret-0123';
const env = {
  JWT_SECRET: 'contract-fidelity-jwt-secret-0123456789',
  STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  PAYMENTS_WEBHOOK_SECRET: WEBHOOK_SECRET,
  MIYABI_GITHUB_WEBHOOK_SECRET: MIYABI_GITHUB_SECRET,
  LINE_CHANNEL_SECRET: LINE_SECRET,
  NEX_INGEST_SECRET,
};
const BODY_LIMIT_BYTES = 16_384;
const FILE_MAX_BYTES = 65_536;

// A database of its own: the worker started below runs every module's real handlers, and other
// files on the run's database run studio jobs with handlers of their own.
const databaseUrl = await ownDatabase();
// Sign-in with Google goes to a local fake provider; GitHub stays unconfigured (its 404).
const oauth = await startFakeOAuth();
const signInEnv = { ...oauth.env(['google']), ...oauth.miyabiEnv(['github']) };
const { app } = await testApp(
  {
    ...env,
    ...signInEnv,
    BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES),
    FILE_MAX_BYTES: String(FILE_MAX_BYTES),
  },
  { databaseUrl },
);
const limited = await testApp(
  { ...env, RATE_LIMIT_PER_MINUTE: '1', AUTH_REQUESTS_PER_MINUTE: '1' },
  { databaseUrl },
);
const database = new URL(databaseUrl);
const cuttable = await startTcpProxy({ host: database.hostname, port: Number(database.port || 5432) });
const viaCuttable = new URL(database);
viaCuttable.host = `127.0.0.1:${cuttable.port}`;
const outage = await testApp({ ...env, ...signInEnv }, { databaseUrl: viaCuttable.toString() });
const admin = await superuserPool(databaseUrl);

type Upstream = 'main' | 'limited' | 'outage';
const upstreams: Record<Upstream, string> = {
  main: await app.listen({ host: '127.0.0.1', port: 0 }),
  limited: await limited.app.listen({ host: '127.0.0.1', port: 0 }),
  outage: await outage.app.listen({ host: '127.0.0.1', port: 0 }),
};
const UPSTREAM_HEADER = 'x-fidelity-upstream';

/** Forwards each request, bytes unchanged, to the instance its `x-fidelity-upstream` names. */
const upstreamSwitch = createServer((incoming, outgoing) => {
  const name = (incoming.headers[UPSTREAM_HEADER] ?? 'main') as Upstream;
  const forward = httpRequest(
    new URL(incoming.url ?? '/', upstreams[name]),
    { method: incoming.method, headers: incoming.headers },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    },
  );
  forward.on('error', (error) => outgoing.destroy(error));
  incoming.pipe(forward);
});
await new Promise<void>((resolve) => upstreamSwitch.listen(0, '127.0.0.1', resolve));
const switchUrl = `http://127.0.0.1:${(upstreamSwitch.address() as AddressInfo).port}`;

let prism: ChildProcess;
let prismUrl = '';

beforeAll(async () => {
  const port = await freePort();
  prismUrl = `http://127.0.0.1:${port}`;
  prism = spawn(
    `${root}node_modules/.bin/prism`,
    ['proxy', '--errors', '-h', '127.0.0.1', '-p', String(port), specPath, switchUrl],
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

afterAll(async () => {
  prism?.kill();
  await new Promise((resolve) => upstreamSwitch.close(resolve));
  await cuttable.close();
  await oauth.close();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// --- The spec, read as a client would ------------------------------------------------------

// biome-ignore lint/suspicious/noExplicitAny: the spec is walked as plain JSON; Ajv checks what matters.
type Node = { $ref?: string } & Record<string, any>;

function resolve(node: Node): Node {
  if (!node.$ref) return node;
  let target = spec;
  for (const part of node.$ref.slice(2).split('/')) target = target[part.replaceAll('~1', '/')];
  return target;
}

const pointer = (token: string) => encodeURIComponent(token.replaceAll('~', '~0').replaceAll('/', '~1'));

interface Operation {
  id: string;
  method: string;
  template: string;
  definition: Node;
}

const operations = new Map<string, Operation>();
for (const [template, methods] of Object.entries<Record<string, Node>>(spec.paths)) {
  for (const [method, definition] of Object.entries(methods)) {
    if (definition.operationId) {
      operations.set(definition.operationId, { id: definition.operationId, method, template, definition });
    }
  }
}

function operation(id: string): Operation {
  const found = operations.get(id);
  if (!found) throw new Error(`no operation ${id} in the spec`);
  return found;
}

const parameters = (op: Operation): Node[] => (op.definition.parameters ?? []).map(resolve);
/** The example of a parameter or a media type: its own, else its schema's. */
function exampleOf(node: Node) {
  const schema = resolve(node.schema ?? {});
  return node.example ?? schema.example ?? schema.examples?.[0];
}
const requestMediaType = (op: Operation) =>
  op.definition.requestBody ? Object.keys(resolve(op.definition.requestBody).content)[0] : undefined;
/** The spec's example request body, if the operation takes one and its media type has an example. */
function exampleBody(op: Operation) {
  const mediaType = requestMediaType(op);
  return mediaType
    ? (exampleOf(resolve(op.definition.requestBody).content[mediaType]) ?? undefined)
    : undefined;
}
const isBinaryUpload = (op: Operation) => requestMediaType(op)?.startsWith('image/') ?? false;
const acceptsBearer = (op: Operation) =>
  op.definition.security?.some((scheme: object) => Object.keys(scheme).length > 0) ?? false;
const requiredScope = (op: Operation): string | undefined =>
  op.definition.security?.find((scheme: Node) => scheme.bearer?.length)?.bearer[0];

// --- One request, checked by Prism and by Ajv ----------------------------------------------

interface Case {
  operation: string;
  status: number;
  /** Path parameters; the rest come from the spec's examples. */
  path?: Record<string, string>;
  query?: string;
  /** A bearer token; `null` sends none. Absent: the main account's. */
  token?: string | null;
  /** The JSON body; absent: the spec's example. A string or bytes are sent as they are. */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  upstream?: Upstream;
  /**
   * Sent to the service itself, not through Prism: a request Prism would refuse on its own
   * (an invalid body or query, no credentials), whose answer is the service's to check.
   */
  direct?: boolean;
}

interface Answer {
  response: Response;
  // biome-ignore lint/suspicious/noExplicitAny: a body Ajv has just checked against the spec.
  json: any;
  text: string;
}

/** Each response's problems with the spec: Prism's verdict and Ajv's. */
const findings: string[] = [];
const covered = new Set<string>();
/** Operations a case drives to a success: every status they declare must then be seen. */
const driven = new Set<string>();
let defaultToken = '';

function coerce(value: string, schema: { type?: string | string[] }): unknown {
  const types = [schema.type].flat();
  return (types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(value)
    ? Number(value)
    : value;
}

function urlOf(op: Operation, path: Record<string, string> = {}, query = '') {
  let url = op.template;
  for (const parameter of parameters(op).filter((p) => p.in === 'path')) {
    url = url.replace(
      `{${parameter.name}}`,
      encodeURIComponent(path[parameter.name] ?? exampleOf(parameter)),
    );
  }
  return query ? `${url}?${query}` : url;
}

function payload(body: unknown): BodyInit {
  if (typeof body === 'string') return body;
  return body instanceof Uint8Array ? new Uint8Array(body) : JSON.stringify(body);
}

async function call(test: Case): Promise<Answer> {
  const op = operation(test.operation);
  const url = urlOf(op, test.path, test.query);
  const headers: Record<string, string> = {};
  for (const parameter of parameters(op).filter((p) => p.in === 'header' && p.required)) {
    headers[parameter.name.toLowerCase()] = String(exampleOf(parameter));
  }
  Object.assign(headers, test.headers);
  const token = test.token === undefined ? defaultToken : test.token;
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (test.upstream) headers[UPSTREAM_HEADER] = test.upstream;
  const body = test.body !== undefined ? test.body : exampleBody(op);
  if (body !== undefined)
    headers['content-type'] = test.contentType ?? requestMediaType(op) ?? 'application/json';
  const base = test.direct ? upstreams[test.upstream ?? 'main'] : prismUrl;
  const response = await fetch(`${base}${url}`, {
    method: op.method.toUpperCase(),
    headers,
    // A redirect (the sign-in's start) is the answer under test, not a page to fetch.
    redirect: 'manual',
    ...(body === undefined ? {} : { body: payload(body) }),
  });
  const text = await response.text();
  const answer: Answer = { response, text, json: undefined };
  const where = `${test.operation} ${op.method.toUpperCase()} ${url} → ${response.status}`;
  covered.add(`${test.operation} ${response.status}`);
  if (test.status < 400) driven.add(test.operation);
  if (response.status !== test.status)
    findings.push(`${where}: expected ${test.status}: ${text.slice(0, 600)}`);
  const violations = response.headers.get('sl-violations');
  if (violations) findings.push(`${where}: Prism: ${violations}`);

  const declared = op.definition.responses?.[String(response.status)];
  if (!declared) {
    findings.push(`${where}: status not declared`);
    return answer;
  }
  const described = resolve(declared);
  for (const [name, header] of Object.entries<Node>(described.headers ?? {})) {
    const definition = resolve(header);
    const value = response.headers.get(name);
    if (value === null) {
      if (definition.required) findings.push(`${where}: required header ${name} missing`);
    } else if (!ajv.validate(definition.schema, coerce(value, definition.schema))) {
      findings.push(`${where}: header ${name}: ${JSON.stringify(value)} ${ajv.errorsText()}`);
    }
  }
  const responseType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  if (!described.content) {
    if (text) findings.push(`${where}: a body where none is declared: ${text.slice(0, 200)}`);
    return answer;
  }
  if (!described.content[responseType]) {
    findings.push(`${where}: media type ${responseType} not declared`);
    return answer;
  }
  if (/[/+]json$/.test(responseType)) answer.json = JSON.parse(text);
  const location =
    declared.$ref ?? `#/paths/${pointer(op.template)}/${op.method}/responses/${response.status}`;
  const validate = ajv.getSchema(`${SPEC_ID}${location}/content/${pointer(responseType)}/schema`);
  if (!validate) findings.push(`${where}: no schema at ${location}`);
  else if (!validate(answer.json ?? text))
    findings.push(`${where}: body: ${ajv.errorsText(validate.errors)}`);
  return answer;
}

/** Runs cases one after another (their order is their story), returning the answers. */
async function run(cases: readonly Case[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const test of cases) answers.push(await call(test));
  return answers;
}

// --- Fixtures ----------------------------------------------------------------------------

const MISSING = '00000000-0000-4000-8000-000000000000';

/** Statuses an operation declares that no request can bring about here, and why. */
const UNREACHABLE: Record<string, string> = {
  '* 500': 'a bug, not a behaviour: the problem+json a bug gets is tested in src/http',
  // The spec builder declares 404 for every operation on an `{id}`; this one never answers it.
  'nex.artworks.unlike 404': 'idempotent by design: 204 whether or not the artwork exists',
  'speak.languages.update 404': 'creates or replaces: a PUT on any language code answers 200',
  'miyabi.subscriptions.create 202':
    'a paid plugin bought now needs a payment provider, which these instances lack (market.test.ts drives it against a fake Stripe)',
  // `{provider}` is an enum (an unknown one is 400): there is nothing else these could not find.
  'miyabi.identities.authorizations.create 404': 'the provider is an enum: an unknown one is 400',
  'miyabi.identities.callback 404': 'the provider is an enum: an unknown one is 400',
};

/** A Stripe event, signed as Stripe signs it (https://docs.stripe.com/webhooks#verify-manually). */
function signedStripeEvent(accountId: string, kind: 'subscription' | 'checkout' = 'subscription') {
  const body = JSON.stringify({
    id: `evt_fidelity_${kind}_${accountId}`,
    object: 'event',
    type: kind === 'subscription' ? 'customer.subscription.updated' : 'checkout.session.completed',
    created: Math.floor(Date.now() / 1000),
    data: {
      object:
        kind === 'subscription'
          ? {
              id: 'sub_fidelity',
              object: 'subscription',
              status: 'active',
              metadata: { accountId },
              items: { data: [{ price: { lookup_key: 'stickers_pro' } }] },
            }
          : {
              // A one-time purchase: the Miyabi token pack, paid.
              id: `cs_fidelity_${accountId}`,
              object: 'checkout.session',
              mode: 'payment',
              payment_status: 'paid',
              amount_total: 500,
              currency: 'usd',
              metadata: { accountId, product: 'miyabi', plan: 'addon', subject: 'miyabi-token-pack' },
            },
    },
  });
  const t = Math.floor(Date.now() / 1000);
  return { body, signature: `t=${t},v1=${stripeSignature(WEBHOOK_SECRET, t, Buffer.from(body))}` };
}

/** A LINE webhook request carrying one text message, signed as LINE signs it (base64 HMAC-SHA256 of the body). */
function signedLineEvent(userId: string, text: string) {
  const body = JSON.stringify({
    destination: 'U0123456789abcdef0123456789abcdef',
    events: [
      {
        type: 'message',
        mode: 'active',
        timestamp: Date.now(),
        webhookEventId: randomUUID(),
        deliveryContext: { isRedelivery: false },
        replyToken: randomUUID().replaceAll('-', ''),
        source: { type: 'user', userId },
        message: { id: '1', type: 'text', quoteToken: 'q', text },
      },
    ],
  });
  return { body, headers: { 'x-line-signature': lineSignature(LINE_SECRET, Buffer.from(body)) } };
}

/** A media server's publish or unpublish, signed as nex's stream ingest webhook expects. */
function signedIngestEvent(event: 'publish' | 'unpublish', streamKey: string) {
  const body = JSON.stringify({ event, streamKey });
  const t = Math.floor(Date.now() / 1000);
  const signature = `t=${t},v1=${stripeSignature(NEX_INGEST_SECRET, t, Buffer.from(body))}`;
  return { token: null, body, headers: { 'nex-ingest-signature': signature } };
}

/** Uploads a file (an image by default) straight to the service: Prism would re-encode its bytes. */
async function upload(
  token: string,
  body: Uint8Array = samples.png,
  contentType = 'image/png',
): Promise<{ id: string }> {
  const response = await fetch(`${upstreams.main}/v1/files`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': contentType },
    body: payload(body),
  });
  return response.json() as Promise<{ id: string }>;
}

/** Spends a quota by direct requests until the service answers 402 (at most 20 tries). */
async function spendUntilQuotaExceeded(spend: () => Promise<{ statusCode: number }>) {
  for (let i = 0; i < 20; i++) if ((await spend()).statusCode === 402) return;
  throw new Error('the quota never ran out');
}

async function login(account: Account) {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    payload: { email: account.email, password: account.password },
  });
  return response.json().tokens.accessToken as string;
}

/** Holds the lock a request with this Idempotency-Key takes (src/kernel/idempotency.ts) while `during` runs. */
async function holdingIdempotencyKey<T>(accountId: string, key: string, during: () => Promise<T>) {
  const context = JSON.stringify(['idempotency', accountId, 'account', accountId, key]);
  return admin.connect(async (connection) => {
    await connection.query(sql.unsafe`SELECT pg_advisory_lock(hashtextextended(${context}, 0))`);
    try {
      return await during();
    } finally {
      await connection.query(sql.unsafe`SELECT pg_advisory_unlock(hashtextextended(${context}, 0))`);
    }
  });
}

/**
 * An Idempotency-Key's three answers for a creating request: 409 while a request with the key is
 * still running, the request's own status, then 422 for a different body under the same key.
 */
async function idempotentCreate(accountId: string, request: Case, otherBody: unknown): Promise<Answer> {
  const key = `${request.operation}-${randomUUID()}`;
  const keyed = { ...request, headers: { ...request.headers, 'idempotency-key': key } };
  await holdingIdempotencyKey(accountId, key, () => call({ ...keyed, status: 409 }));
  const [created] = await run([keyed, { ...keyed, body: otherBody, status: 422 }]);
  return created!;
}

/** Someone new at the fake Google; its `sub` is a numeric string, as Google's is. */
const googleUser = (email: string | null, emailVerified = true): FakeUser => ({
  subject: String(Math.floor(Math.random() * 1e12)),
  email,
  emailVerified,
  name: 'Fidelity',
});

/**
 * A browser's part of a Google sign-in: the start (302), then the fake provider's consent; the
 * callback it leads back to, with the flow's cookie, is the case returned. The start goes straight
 * to the service: Prism's proxy follows a redirect itself and would answer with the page behind it.
 */
async function signInWithGoogle(user: FakeUser, status: number): Promise<Case> {
  const path = { provider: 'google' };
  const start = await call({ operation: 'auth.oauth.start', path, token: null, direct: true, status: 302 });
  oauth.nextUser = user;
  const consent = await fetch(String(start.response.headers.get('location')), { redirect: 'manual' });
  const back = new URL(String(consent.headers.get('location')));
  const cookie = cookiePair(start.response.headers.get('set-cookie') ?? undefined);
  return {
    operation: 'auth.oauth.callback',
    path,
    query: back.search.slice(1),
    headers: { cookie },
    token: null,
    status,
  };
}

/**
 * The callback's 409: another sign-in of the same new identity commits first. The superuser holds
 * that identity's row uncommitted until the callback waits for it on the unique index, then
 * commits, and the callback's own insert fails (https://www.postgresql.org/docs/current/index-unique-checks.html).
 */
async function racedSignIn(user: FakeUser, heldFor: string): Promise<Answer> {
  const callback = await signInWithGoogle(user, 409);
  const pending = await admin.transaction(async (transaction) => {
    await transaction.query(sql.unsafe`
      INSERT INTO platform.identities (account_id, provider, subject)
      VALUES (${heldFor}, 'google', ${user.subject})
    `);
    const answer = call(callback);
    for (let polls = 0; ; polls++) {
      // Activity is read once per transaction unless its snapshot is cleared
      // (https://www.postgresql.org/docs/current/monitoring-stats.html#MONITORING-STATS-FUNCTIONS).
      await transaction.query(sql.unsafe`SELECT pg_stat_clear_snapshot()`);
      const waiting = await transaction.oneFirst(sql.unsafe`
        SELECT count(*) FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'
      `);
      if (Number(waiting) > 0) break;
      if (polls === 1_000) throw new Error('the callback never waited for the held identity');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return { answer };
  });
  return pending.answer;
}

describe('contract fidelity behind Prism', () => {
  it('answers every operation and every declared status as the spec says, with 0 violations', async () => {
    // A case that throws ends the test early: show what had gone wrong by then.
    onTestFailed(() => console.error(findings.join('\n')));
    const account = await signUp(app);
    const other = await signUp(app);
    defaultToken = account.accessToken;
    const all = [...operations.values()];

    // Kernel: auth, me, profiles, api keys, audit log, usage, plans.
    const [signupAnswer, loginAnswer] = await run([
      {
        operation: 'auth.signup',
        body: { email: `a${Date.now()}@example.com`, password: 'long enough pw' },
        status: 201,
      },
      { operation: 'auth.login', body: { email: account.email, password: account.password }, status: 200 },
      { operation: 'auth.signup', body: { email: account.email, password: 'long enough pw' }, status: 409 },
      {
        operation: 'auth.login',
        body: { email: account.email, password: 'not-the-password-1' },
        status: 401,
      },
    ]);
    const refreshed = await call({
      operation: 'auth.refresh',
      body: { refreshToken: loginAnswer?.json.tokens.refreshToken },
      status: 200,
    });
    await run([
      { operation: 'auth.refresh', body: { refreshToken: 'yzr_unknown' }, status: 401 },
      { operation: 'auth.logout', body: { refreshToken: refreshed.json.refreshToken }, status: 204 },
      { operation: 'auth.logout', body: { refreshToken: 'yzr_unknown' }, status: 401 },
      { operation: 'me.get', status: 200 },
      { operation: 'me.update', body: { name: 'Fidelity' }, status: 200 },
      { operation: 'me.profile.get', status: 200 },
      { operation: 'me.profile.update', body: { handle: `fid_${account.id.slice(0, 8)}` }, status: 200 },
      {
        operation: 'me.profile.update',
        token: other.accessToken,
        body: { handle: `fid_${account.id.slice(0, 8)}` },
        status: 409,
      },
      {
        operation: 'me.profile.update',
        token: other.accessToken,
        body: { handle: `oth_${other.id.slice(0, 8)}`, visibility: 'public' },
        status: 200,
      },
      {
        operation: 'profiles.get',
        path: { handle: `oth_${other.id.slice(0, 8)}` },
        token: null,
        status: 200,
      },
      { operation: 'profiles.follow', path: { handle: `oth_${other.id.slice(0, 8)}` }, status: 200 },
      { operation: 'profiles.follow', path: { handle: `fid_${account.id.slice(0, 8)}` }, status: 409 },
      { operation: 'me.follows.list', status: 200 },
      { operation: 'profiles.unfollow', path: { handle: `oth_${other.id.slice(0, 8)}` }, status: 204 },
      { operation: 'plans.list', token: null, status: 200 },
      { operation: 'auditLog.list', status: 200 },
      { operation: 'usage.list', status: 200 },
      { operation: 'usage.ledger.list', status: 200 },
    ]);
    expect(signupAnswer?.json.account.id).toBeTruthy();

    const key = await idempotentCreate(
      account.id,
      { operation: 'apiKeys.create', body: { name: 'read only', scopes: ['me:read'] }, status: 201 },
      { name: 'another', scopes: ['me:read'] },
    );
    const [, jobsKey] = await run([
      { operation: 'apiKeys.list', query: 'limit=1', status: 200 },
      { operation: 'apiKeys.create', body: { name: 'jobs only', scopes: ['jobs:read'] }, status: 201 },
    ]);
    const readOnlyKey = key.json.secret as string;
    const jobsOnlyKey = jobsKey?.json.secret as string;
    await run([
      {
        operation: 'apiKeys.delete',
        path: { id: (await call({ operation: 'apiKeys.create', status: 201 })).json.id },
        status: 204,
      },
    ]);

    // Sign-in with Google (the fake provider): a new account, its code replayed, an email the
    // provider has not verified, and an identity linked to the account with the same email.
    const newcomer = await signInWithGoogle(googleUser(`g${account.id}@example.com`), 200);
    const [session] = await run([
      newcomer,
      { ...newcomer, status: 401 },
      await signInWithGoogle(googleUser(`u${account.id}@example.com`, false), 403),
      await signInWithGoogle(googleUser(account.email), 200),
    ]);
    await racedSignIn(googleUser(`r${account.id}@example.com`), other.id);
    const newcomerToken = session?.json.tokens.accessToken as string;
    const [linked, newcomers] = await run([
      { operation: 'me.identities.list', status: 200 },
      { operation: 'me.identities.list', token: newcomerToken, status: 200 },
    ]);
    await run([
      // An account without a password keeps its only way in.
      {
        operation: 'me.identities.delete',
        path: { id: newcomers?.json.data[0].id },
        token: newcomerToken,
        status: 409,
      },
      { operation: 'me.identities.delete', path: { id: linked?.json.data[0].id }, status: 204 },
    ]);

    // Billing: a signed Stripe event; admin: an account made admin by the superuser.
    const event = signedStripeEvent(account.id);
    const purchase = signedStripeEvent(account.id, 'checkout');
    await run([
      {
        operation: 'billing.stripeWebhook',
        body: event.body,
        headers: { 'stripe-signature': event.signature },
        status: 200,
      },
      {
        operation: 'billing.stripeWebhook',
        body: purchase.body,
        headers: { 'stripe-signature': purchase.signature },
        status: 200,
      },
      {
        operation: 'billing.stripeWebhook',
        body: event.body,
        headers: { 'stripe-signature': `t=1,v1=${'0'.repeat(64)}` },
        status: 400,
      },
    ]);
    await admin.query(sql.unsafe`UPDATE platform.accounts SET role = 'admin' WHERE id = ${other.id}`);
    const adminToken = await login(other);
    const toFreePlan = (accountId: string, product: string, status = 200): Case => ({
      operation: 'admin.subscriptions.update',
      token: adminToken,
      path: { accountId, product },
      body: { plan: 'free' },
      status,
    });
    await run([toFreePlan(account.id, 'studio'), toFreePlan(MISSING, 'studio', 404)]);
    // Subscriptions: one for a plugin, set by the admin (no Stripe billing, so canceling ends it).
    const [pluginPlan] = await run([
      {
        operation: 'admin.subscriptions.update',
        token: adminToken,
        path: { accountId: account.id, product: 'miyabi' },
        body: { plan: 'pro', subject: 'fidelity' },
        status: 200,
      },
      { operation: 'subscriptions.list', query: 'product=miyabi&limit=1', status: 200 },
    ]);
    await run([{ operation: 'subscriptions.cancel', path: { id: pluginPlan?.json.id }, status: 200 }]);

    // Files (metadata; binary bodies go straight to the service) and studio.
    const file = await upload(account.accessToken);
    const download = await fetch(`${upstreams.main}/v1/files/${file.id}`, {
      headers: bearer(account.accessToken),
    });
    const etag = download.headers.get('etag') ?? '';
    // Binary bodies, so straight to the service (Ajv still checks every answer).
    const png = { operation: 'files.create', body: samples.png, direct: true };
    await idempotentCreate(account.id, { ...png, status: 201 }, samples.jpeg);
    await run([
      { ...png, body: Buffer.from('not an image'), status: 400 },
      // Over the image limit, which applies once the bytes are known to be an image.
      { ...png, body: Buffer.concat([samples.png, Buffer.alloc(FILE_MAX_BYTES)]), status: 413 },
      { operation: 'files.get', path: { id: file.id }, direct: true, status: 200 },
      {
        operation: 'files.get',
        path: { id: file.id },
        headers: { range: 'bytes=0-9' },
        direct: true,
        status: 206,
      },
      { operation: 'files.get', path: { id: file.id }, headers: { range: 'bytes=999999999-' }, status: 416 },
    ]);
    const newCharacter = { name: 'Fidelity', baseImageFileId: file.id, artStyle: 'illustration' };
    const character = await idempotentCreate(
      account.id,
      { operation: 'studio.characters.create', body: newCharacter, status: 201 },
      { ...newCharacter, name: 'Other' },
    );
    await run([
      {
        operation: 'studio.characters.create',
        body: { name: 'Fidelity', baseImageFileId: MISSING, artStyle: 'illustration' },
        status: 400,
      },
      { operation: 'files.list', status: 200 },
      { operation: 'files.get', path: { id: file.id }, headers: { 'if-none-match': etag }, status: 304 },
      { operation: 'files.get', path: { id: file.id }, headers: { accept: 'text/csv' }, status: 406 },
      { operation: 'files.delete', path: { id: file.id }, status: 409 },
    ]);
    const characterId = { id: character.json.id as string };
    const generate = (status: number, extra: Partial<Case> = {}): Case => ({
      operation: 'studio.generations.create',
      path: characterId,
      body: { expressions: ['happy'] },
      status,
      ...extra,
    });
    // No worker runs yet, so the first batch is still queued when it is canceled.
    const generation = await idempotentCreate(account.id, generate(202), { expressions: ['sad'] });
    await run([
      { operation: 'studio.characters.list', status: 200 },
      { operation: 'studio.characters.get', path: characterId, status: 200 },
      { operation: 'studio.characters.update', path: characterId, body: { name: 'Renamed' }, status: 200 },
      { operation: 'studio.generations.list', path: characterId, status: 200 },
      { operation: 'studio.credits.get', status: 200 },
      { operation: 'studio.creditTransactions.list', status: 200 },
      { operation: 'studio.stats.get', status: 200 },
    ]);
    const jobId = { id: generation.json.job.id as string };
    await run([
      { operation: 'jobs.get', path: jobId, status: 200 },
      { operation: 'studio.generations.get', path: { id: generation.json.batchId }, status: 200 },
      { operation: 'jobs.cancel', path: jobId, status: 200 },
      // A canceled job's stream is its last state, then the end.
      { operation: 'jobs.events', path: jobId, headers: { accept: 'text/event-stream' }, status: 200 },
      { operation: 'jobs.list', query: 'status=canceled', status: 200 },
    ]);

    // A real worker from here on: a batch draws its differences.
    const worker = await startTestWorker(
      databaseUrl,
      createJobHandlers(createEngines(loadConfig({ NODE_ENV: 'test' })), app.sealer),
    );
    onTestFinished(() => worker.stop());
    const [drawn] = await run([generate(202)]);
    await waitForJob(app, account.accessToken, drawn?.json.job.id);
    const [differences] = await run([
      { operation: 'studio.differences.list', path: characterId, status: 200 },
    ]);
    const differenceId = { id: differences?.json.data[0].id as string };
    await run([
      { operation: 'studio.differences.get', path: differenceId, status: 200 },
      { operation: 'studio.differences.delete', path: differenceId, status: 204 },
    ]);
    // The free plan's five monthly credits, one per batch, run out.
    await spendUntilQuotaExceeded(() =>
      app.inject({
        method: 'POST',
        url: `/v1/studio/characters/${characterId.id}/generations`,
        headers: bearer(account.accessToken),
        payload: { expressions: ['happy'] },
      }),
    );
    await call(generate(402));
    const spare = await upload(account.accessToken);
    await run([
      { operation: 'studio.characters.delete', path: characterId, status: 204 },
      { operation: 'files.delete', path: { id: spare.id }, status: 204 },
    ]);

    // Stickers: a real render by the worker, then the same request again (served from the cache).
    const sticker = {
      title: 'スーパーゼウス',
      characterName: 'ヘッドロココ',
      attribute: 'holy',
      rarity: 'secret',
      backgroundColor: '#3a7bd5',
    };
    const render = await idempotentCreate(
      account.id,
      { operation: 'stickers.images.create', body: sticker, status: 202 },
      { ...sticker, title: 'other' },
    );
    const rendered = await waitForJob(app, account.accessToken, render.json.job.id);
    await run([
      { operation: 'stickers.images.create', body: sticker, status: 201 },
      { operation: 'jobs.cancel', path: { id: rendered.id }, status: 409 },
      {
        operation: 'jobs.events',
        path: { id: rendered.id },
        headers: { accept: 'text/event-stream' },
        status: 200,
      },
      { operation: 'stickers.images.list', status: 200 },
      { operation: 'stickers.images.get', path: { id: rendered.result.imageId }, status: 200 },
      { operation: 'stickers.usage.list', status: 200 },
      { operation: 'stickers.images.delete', path: { id: rendered.result.imageId }, status: 204 },
    ]);
    // The webhook above put the account on stickers pro (200 images a day); back on free (10), the
    // day's images run out.
    await call(toFreePlan(account.id, 'stickers'));
    let spent = 0;
    await spendUntilQuotaExceeded(() =>
      app.inject({
        method: 'POST',
        url: '/v1/stickers/images',
        headers: bearer(account.accessToken),
        payload: { ...sticker, title: `spent ${spent++}` },
      }),
    );
    await call({
      operation: 'stickers.images.create',
      body: { ...sticker, title: 'one too many' },
      status: 402,
    });

    // Nex: a creator, artworks from draft to archive, and a like by another account.
    const username = `fid_${account.id.slice(0, 8)}`;
    const joining = { username, birthDate: '2000-04-01', userType: 'both' };
    const [media, lostMedia] = [await upload(account.accessToken), await upload(account.accessToken)];
    const artwork = { title: '夕焼けの海', category: 'landscape', fileId: media.id, priceAmount: 0 };
    await call({ operation: 'nex.artworks.create', body: artwork, status: 409 });
    await idempotentCreate(
      account.id,
      { operation: 'nex.creators.create', body: joining, status: 201 },
      { ...joining, username: `${username}_2` },
    );
    const created = await idempotentCreate(
      account.id,
      { operation: 'nex.artworks.create', body: artwork, status: 201 },
      { ...artwork, title: 'other' },
    );
    const [withoutMedia] = await run([
      { operation: 'nex.artworks.create', body: { ...artwork, fileId: lostMedia.id }, status: 201 },
      { operation: 'files.delete', path: { id: lostMedia.id }, status: 204 },
    ]);
    const artworkId = { id: created.json.id as string };
    await run([
      { operation: 'nex.artworks.publish', path: { id: withoutMedia?.json.id }, status: 409 },
      { operation: 'nex.creators.get', path: { username }, token: null, status: 200 },
      { operation: 'nex.creators.update', path: { username }, status: 200 },
      { operation: 'nex.categories.list', token: null, status: 200 },
      { operation: 'nex.artworks.archive', path: artworkId, status: 409 },
      { operation: 'nex.artworks.update', path: artworkId, status: 200 },
      { operation: 'nex.artworks.publish', path: artworkId, status: 200 },
      { operation: 'nex.artworks.like', path: artworkId, status: 409 },
      { operation: 'nex.artworks.like', path: artworkId, token: other.accessToken, status: 200 },
      { operation: 'nex.artworks.list', token: null, status: 200 },
      { operation: 'nex.artworks.get', path: artworkId, token: null, status: 200 },
      { operation: 'nex.likes.list', query: 'direction=received', status: 200 },
      { operation: 'nex.artworks.unlike', path: artworkId, token: other.accessToken, status: 204 },
    ]);

    // The other account joins nex, comments on the published artwork, becomes a fan and answers
    // collaboration requests; views, rankings, EXP, levels and achievements are read on the way.
    const asOther = { token: other.accessToken };
    const otherName = `fid_${other.id.slice(0, 8)}`;
    await run([
      { operation: 'nex.checkIns.create', ...asOther, status: 409 },
      {
        operation: 'nex.creators.create',
        ...asOther,
        body: { ...joining, username: otherName },
        status: 201,
      },
    ]);
    const commented = await idempotentCreate(
      other.id,
      { operation: 'nex.comments.create', path: artworkId, ...asOther, status: 201 },
      { content: 'other' },
    );
    const commentId = { id: commented.json.id as string };
    const everyone = (operation: string, path?: Record<string, string>): Case => ({
      operation,
      ...(path ? { path } : {}),
      token: null,
      status: 200,
    });
    await run([
      { operation: 'nex.comments.create', path: { id: withoutMedia?.json.id }, status: 409 },
      everyone('nex.comments.list', artworkId),
      { operation: 'nex.comments.update', path: commentId, ...asOther, status: 200 },
      { operation: 'nex.comments.hide', path: commentId, status: 200 },
      { operation: 'nex.comments.update', path: commentId, ...asOther, status: 409 },
      { operation: 'nex.comments.unhide', path: commentId, status: 200 },
      { operation: 'nex.comments.delete', path: commentId, ...asOther, status: 204 },
      { operation: 'nex.creators.fan', path: { username }, ...asOther, status: 200 },
      { operation: 'nex.creators.fan', path: { username }, status: 409 },
      everyone('nex.fans.list', { username }),
      everyone('nex.following.list', { username: otherName }),
      { operation: 'nex.creators.unfan', path: { username }, ...asOther, status: 204 },
      { ...everyone('nex.artworks.view', artworkId), status: 202 },
      everyone('nex.artworks.popular'),
      everyone('nex.creators.stats', { username }),
      { operation: 'nex.checkIns.create', status: 200 },
      { operation: 'nex.expLog.list', status: 200 },
      everyone('nex.levels.list'),
      everyone('nex.expActions.list'),
      everyone('nex.achievements.list'),
    ]);
    const ask = (
      about: { artworkId: string } | { project: string },
      recipient = otherName,
      status = 201,
    ): Case => ({
      operation: 'nex.collaborations.create',
      body: { recipient, message: '一緒に作りませんか？', ...about },
      status,
    });
    const asked = await idempotentCreate(account.id, ask({ artworkId: artworkId.id }), {
      recipient: otherName,
      project: 'other',
      message: 'other',
    });
    const [declined, canceled] = await run([
      ask({ project: 'fidelity song' }),
      ask({ project: 'fidelity film' }),
      ask({ project: 'myself' }, username, 409),
    ]);
    const answer = (move: string, id: string, status: number, token = other.accessToken): Case => ({
      operation: `nex.collaborations.${move}`,
      path: { id },
      token,
      status,
    });
    await run([
      { operation: 'nex.collaborations.list', query: 'direction=sent', status: 200 },
      { operation: 'nex.collaborations.get', path: { id: asked.json.id }, status: 200 },
      answer('accept', asked.json.id, 403, account.accessToken),
      answer('accept', asked.json.id, 200),
      answer('decline', asked.json.id, 409),
      answer('decline', declined?.json.id, 200),
      answer('accept', declined?.json.id, 409),
      answer('cancel', canceled?.json.id, 200, account.accessToken),
      answer('cancel', canceled?.json.id, 409, account.accessToken),
      { operation: 'nex.artworks.archive', path: artworkId, status: 200 },
      { operation: 'nex.artworks.delete', path: artworkId, status: 204 },
    ]);

    // Speak: a learner's profile and language, a private script, a conversation with a typed turn,
    // a turn whose audio the month's microphone seconds cannot pay for, the end and its stream.
    await call({ operation: 'speak.profile.get', status: 404 });
    const script = await idempotentCreate(
      account.id,
      { operation: 'speak.scripts.create', status: 201 },
      { ...exampleBody(operation('speak.scripts.create')), title: 'other' },
    );
    const [premium] = await run([
      { operation: 'speak.scripts.list', query: 'premium=true&limit=1', token: null, status: 200 },
      { operation: 'speak.profile.update', status: 200 },
      { operation: 'speak.profile.get', status: 200 },
      // Not `en`, the example's: the sweeps' 404 asks for a language without a setting.
      { operation: 'speak.languages.update', path: { code: 'es' }, status: 200 },
      { operation: 'speak.languages.get', path: { code: 'es' }, status: 200 },
      { operation: 'speak.languages.list', status: 200 },
      { operation: 'speak.scripts.get', path: { id: script.json.id }, status: 200 },
      { operation: 'speak.scripts.delete', path: { id: script.json.id }, status: 204 },
    ]);
    const pair = (native: string, target: string) => ({ languagePair: { native, target } });
    const conversation = await idempotentCreate(
      account.id,
      { operation: 'speak.conversations.create', body: pair('ja', 'en'), status: 201 },
      pair('en', 'ja'),
    );
    const conversationId = { id: conversation.json.id as string };
    const say = (extra: Partial<Case> = {}): Case => ({
      operation: 'speak.messages.create',
      path: conversationId,
      body: { text: 'Nice to meet you' },
      status: 201,
      ...extra,
    });
    await idempotentCreate(account.id, say(), { text: 'other' });
    await admin.query(sql.unsafe`
      INSERT INTO platform.quota_counters (account_id, product, metric, subject, period_start, used)
      VALUES (${account.id}, 'speak', 'seconds', '', platform.quota_period_start('month', now()), 3600)
    `);
    const audio = await upload(account.accessToken, wav(1, 8000), 'audio/wav');
    await run([
      { operation: 'speak.conversations.create', body: { scriptId: premium?.json.data[0].id }, status: 402 },
      say({ body: { text: 'One more', audioFileId: audio.id }, status: 402 }),
      { operation: 'speak.messages.list', path: conversationId, status: 200 },
      { operation: 'speak.conversations.list', status: 200 },
      { operation: 'speak.conversations.get', path: conversationId, status: 200 },
      { operation: 'speak.conversations.end', path: conversationId, status: 200 },
      say({ status: 409 }),
      // An ended conversation's stream is its events up to `ended`, then the end.
      {
        operation: 'speak.conversations.events',
        path: conversationId,
        headers: { accept: 'text/event-stream' },
        status: 200,
      },
      { operation: 'speak.progress.list', status: 200 },
      { operation: 'speak.achievements.list', status: 200 },
      { operation: 'speak.usage.list', status: 200 },
    ]);

    // lane: nex-money cases go here.
    // Payments (created as a selling module would, here by SQL), completed by the local provider's
    // signed event and by a signed delivery to the webhook; the ledger and balance reads.
    const fidelityPayment = async () =>
      admin.oneFirst(sql.unsafe`
        INSERT INTO nex.payments (account_id, purpose, reference_id, amount, currency, provider, provider_payment_id)
        VALUES (${account.id}, 'fidelity', gen_random_uuid(), 500, 'JPY', 'local', 'pi_local_' || gen_random_uuid())
        RETURNING id
      `) as Promise<string>;
    const simulatedId = await fidelityPayment();
    const webhookPaymentId = await fidelityPayment();
    const webhookPayment = await admin.one(sql.unsafe`
      SELECT provider_payment_id AS "providerPaymentId" FROM nex.payments WHERE id = ${webhookPaymentId}
    `);
    const paymentEventBody = JSON.stringify({
      id: `evt_fidelity_${randomUUID()}`,
      object: 'event',
      type: 'payment_intent.succeeded',
      created: Math.floor(Date.now() / 1000),
      data: {
        object: {
          id: (webhookPayment as { providerPaymentId: string }).providerPaymentId,
          object: 'payment_intent',
          amount: 500,
          currency: 'jpy',
          metadata: { paymentId: webhookPaymentId, accountId: account.id },
        },
      },
    });
    const paymentEventAt = Math.floor(Date.now() / 1000);
    await run([
      { operation: 'nex.payments.get', path: { id: simulatedId }, status: 200 },
      {
        operation: 'nex.payments.simulate',
        path: { id: simulatedId },
        body: { outcome: 'succeeded' },
        status: 200,
      },
      {
        operation: 'nex.payments.simulate',
        path: { id: simulatedId },
        body: { outcome: 'failed' },
        status: 409,
      },
      {
        operation: 'nex.payments.webhook',
        token: null,
        body: paymentEventBody,
        headers: {
          'stripe-signature': `t=${paymentEventAt},v1=${stripeSignature(WEBHOOK_SECRET, paymentEventAt, Buffer.from(paymentEventBody))}`,
        },
        status: 200,
      },
      {
        operation: 'nex.payments.webhook',
        token: null,
        body: paymentEventBody,
        headers: { 'stripe-signature': `t=1,v1=${'0'.repeat(64)}` },
        status: 400,
      },
      { operation: 'nex.transactions.list', status: 200 },
      { operation: 'nex.balance.get', status: 200 },
    ]);

    // Shop: `account` sells a digital and a physical product to `other`, who pays through the
    // local provider; an order cancelled, one refused for stock, one shipped and delivered, one refunded.
    const productFile = await upload(account.accessToken);
    const digitalBody = {
      name: 'fidelity print',
      category: 'digital-art',
      kind: 'digital',
      fileId: productFile.id,
      priceAmount: 800,
    };
    const digitalProduct = await idempotentCreate(
      account.id,
      { operation: 'nex.products.create', body: digitalBody, status: 201 },
      { ...digitalBody, name: 'other' },
    );
    const [physicalProduct] = await run([
      {
        operation: 'nex.products.create',
        body: {
          name: 'fidelity mug',
          category: 'goods',
          kind: 'physical',
          stock: 2,
          priceAmount: 1200,
          shippingAmount: 300,
        },
        status: 201,
      },
      { operation: 'nex.products.create', token: (await signUp(app)).accessToken, status: 409 },
      { operation: 'nex.products.create', body: { ...digitalBody, fileId: randomUUID() }, status: 404 },
      { operation: 'nex.products.list', status: 200 },
      { operation: 'nex.products.get', path: { id: digitalProduct.json.id }, status: 200 },
    ]);
    const mugId = physicalProduct?.json.id as string;
    await call({
      operation: 'nex.products.update',
      path: { id: mugId },
      body: { shippingInfo: 'Ships in 3 days' },
      status: 200,
    });
    const asBuyer = { token: other.accessToken };
    const shipTo = {
      name: 'Fidelity',
      line1: '1-2-3 Jingumae',
      city: 'Shibuya',
      postalCode: '150-0001',
      country: 'JP',
    };
    const mugOrder = { items: [{ productId: mugId, quantity: 1 }], shippingAddress: shipTo };
    const digitalOrder = await idempotentCreate(
      other.id,
      {
        operation: 'nex.orders.create',
        ...asBuyer,
        body: { items: [{ productId: digitalProduct.json.id, quantity: 1 }] },
        status: 201,
      },
      mugOrder,
    );
    const [shipped, cancelled] = await run([
      { operation: 'nex.orders.create', ...asBuyer, body: mugOrder, status: 201 },
      { operation: 'nex.orders.create', ...asBuyer, body: mugOrder, status: 201 },
      { operation: 'nex.orders.create', ...asBuyer, body: mugOrder, status: 409 },
      {
        operation: 'nex.orders.create',
        ...asBuyer,
        body: { items: [{ productId: randomUUID(), quantity: 1 }] },
        status: 404,
      },
    ]);
    const shippedId = { id: shipped?.json.id as string };
    const cancelledId = { id: cancelled?.json.id as string };
    const digitalOrderId = { id: digitalOrder.json.id as string };
    const simulated = (paymentId: string): Case => ({
      operation: 'nex.payments.simulate',
      ...asBuyer,
      path: { id: paymentId },
      body: { outcome: 'succeeded' },
      status: 200,
    });
    await run([
      { operation: 'nex.orders.cancel', path: cancelledId, status: 403 },
      { operation: 'nex.orders.cancel', ...asBuyer, path: cancelledId, status: 200 },
      { operation: 'nex.orders.cancel', ...asBuyer, path: cancelledId, status: 409 },
      simulated(digitalOrder.json.paymentId),
      simulated(shipped?.json.paymentId),
      { operation: 'nex.orders.list', query: 'role=seller', status: 200 },
      { operation: 'nex.orders.get', path: shippedId, status: 200 },
      { operation: 'nex.orders.ship', ...asBuyer, path: shippedId, status: 403 },
      { operation: 'nex.orders.deliver', path: shippedId, status: 409 },
      { operation: 'nex.orders.ship', path: shippedId, status: 200 },
      { operation: 'nex.orders.ship', path: shippedId, status: 409 },
      { operation: 'nex.orders.deliver', ...asBuyer, path: shippedId, status: 200 },
      { operation: 'nex.orders.refund', ...asBuyer, path: digitalOrderId, status: 403 },
      { operation: 'nex.orders.refund', path: digitalOrderId, status: 200 },
      { operation: 'nex.orders.refund', path: digitalOrderId, status: 409 },
    ]);

    // Withdrawals: `account` earned 1 350 JPY from the mug; one withdrawal of 1 000 is held, a
    // second finds too little left.
    const withdrawalBody = { amount: 1000, currency: 'JPY', destination: 'acct_fidelity' };
    const withdrawal = await idempotentCreate(
      account.id,
      { operation: 'nex.withdrawals.create', body: withdrawalBody, status: 201 },
      { ...withdrawalBody, amount: 1001 },
    );
    await run([
      { operation: 'nex.withdrawals.create', body: withdrawalBody, status: 409 },
      { operation: 'nex.withdrawals.list', status: 200 },
      { operation: 'nex.withdrawals.get', path: { id: withdrawal.json.id }, status: 200 },
      { operation: 'nex.withdrawals.get', ...asBuyer, path: { id: withdrawal.json.id }, status: 404 },
    ]);

    // Live streams: `account` schedules and starts one, `other` donates (paid through the local
    // provider), a second stream is cancelled.
    const streamBody = { title: 'fidelity stream' };
    const stream = await idempotentCreate(
      account.id,
      { operation: 'nex.streams.create', body: streamBody, status: 201 },
      { title: 'another stream' },
    );
    const streamId = { id: stream.json.id as string };
    const [, , , , , cancelledStream] = await run([
      { operation: 'nex.streams.create', token: (await signUp(app)).accessToken, status: 409 },
      { operation: 'nex.streams.list', token: null, status: 200 },
      { operation: 'nex.streams.get', path: streamId, token: null, status: 200 },
      { operation: 'nex.streams.start', ...asBuyer, path: streamId, status: 403 },
      { operation: 'nex.streams.start', path: streamId, status: 200 },
      { operation: 'nex.streams.create', body: streamBody, status: 201 },
      { operation: 'nex.streams.start', path: streamId, status: 409 },
      { operation: 'nex.streams.donations.create', path: streamId, body: { amount: 1000 }, status: 409 },
      { operation: 'nex.streams.key.rotate', path: streamId, status: 200 },
      { operation: 'nex.streams.key.rotate', ...asBuyer, path: streamId, status: 404 },
      {
        operation: 'nex.streams.update',
        path: streamId,
        body: {
          thumbnailFileId: (await upload(account.accessToken)).id,
          settings: { minDonationAmount: 500 },
        },
        status: 200,
      },
      {
        operation: 'nex.streams.update',
        path: streamId,
        body: { thumbnailFileId: randomUUID() },
        status: 400,
      },
      {
        operation: 'nex.streams.update',
        ...asBuyer,
        path: streamId,
        body: { archiveFileId: null },
        status: 403,
      },
      {
        operation: 'nex.streams.update',
        path: streamId,
        body: { archiveFileId: (await upload(account.accessToken)).id },
        status: 409,
      },
    ]);
    const donation = await idempotentCreate(
      other.id,
      {
        operation: 'nex.streams.donations.create',
        ...asBuyer,
        path: streamId,
        body: { amount: 1000 },
        status: 201,
      },
      { amount: 1001 },
    );
    await run([
      simulated(donation.json.payment.id),
      { operation: 'nex.streams.donations.list', path: streamId, token: null, status: 200 },
      { operation: 'nex.streams.end', path: streamId, status: 200 },
      { operation: 'nex.streams.end', path: streamId, status: 409 },
      // An ended stream's feed is its events up to `ended`, then the end.
      {
        operation: 'nex.streams.events',
        path: streamId,
        token: null,
        headers: { accept: 'text/event-stream' },
        status: 200,
      },
      { operation: 'nex.streams.cancel', path: { id: cancelledStream?.json.id }, status: 200 },
      { operation: 'nex.streams.cancel', path: { id: cancelledStream?.json.id }, status: 409 },
      { operation: 'nex.streams.key.rotate', path: { id: cancelledStream?.json.id }, status: 409 },
    ]);
    // The media server moves a stream by its key: live on publish, ended on unpublish, 409 for a
    // replay, 403 for a key of no stream, 400 for a bad signature.
    const ingested = await run([{ operation: 'nex.streams.create', body: streamBody, status: 201 }]);
    const ingestKey = ingested[0]?.json.streamKey as string;
    const ingest = 'nex.streams.ingestEvents.create';
    await run([
      { operation: ingest, ...signedIngestEvent('publish', ingestKey), status: 200 },
      { operation: ingest, ...signedIngestEvent('publish', ingestKey), status: 409 },
      { operation: ingest, ...signedIngestEvent('unpublish', `${ingestKey}x`), status: 403 },
      { operation: ingest, ...signedIngestEvent('unpublish', ingestKey), status: 200 },
      {
        operation: ingest,
        ...signedIngestEvent('unpublish', ingestKey),
        headers: { 'nex-ingest-signature': `t=1,v1=${'0'.repeat(64)}` },
        status: 400,
      },
    ]);

    // lane: nex-live cases go here.
    {
      // Events: a draft from the spec's example (the main account joined nex above), its ticket
      // types, every status move and its 409s; the other account, not its organizer, sees 404s.
      const eventBody = {
        ...exampleBody(operation('nex.events.create')),
        coverFileId: (await upload(account.accessToken)).id,
      };
      const event = await idempotentCreate(
        account.id,
        { operation: 'nex.events.create', body: eventBody, status: 201 },
        { ...eventBody, title: 'other' },
      );
      const eventId = { id: event.json.id as string };
      const ticketType = await idempotentCreate(
        account.id,
        { operation: 'nex.ticketTypes.create', path: eventId, status: 201 },
        { name: 'other', priceAmount: 100, quantity: 1 },
      );
      const ticketTypeId = { id: ticketType.json.id as string };
      const [endedEvent, droppedEvent] = await run([
        { operation: 'nex.events.create', body: eventBody, status: 201 },
        { operation: 'nex.events.create', body: eventBody, status: 201 },
        {
          operation: 'nex.events.create',
          body: eventBody,
          token: (await signUp(app)).accessToken,
          status: 409,
        },
        { operation: 'nex.ticketTypes.update', path: ticketTypeId, body: { quantity: 40 }, status: 200 },
        { operation: 'nex.events.update', path: eventId, status: 200 },
        { operation: 'nex.events.complete', path: eventId, status: 409 },
        { operation: 'nex.events.publish', path: eventId, status: 200 },
        { operation: 'nex.events.publish', path: eventId, status: 409 },
        { operation: 'nex.events.delete', path: eventId, status: 409 },
        { operation: 'nex.events.get', path: eventId, token: null, status: 200 },
        { operation: 'nex.events.list', token: null, status: 200 },
        { operation: 'nex.ticketTypes.list', path: eventId, token: null, status: 200 },
      ]);
      await admin.query(sql.unsafe`
        UPDATE nex.events SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour'
        WHERE id = ${endedEvent?.json.id}
      `);
      await run([
        { operation: 'nex.events.delete', path: { id: droppedEvent?.json.id }, status: 204 },
        { operation: 'nex.events.publish', path: { id: endedEvent?.json.id }, status: 200 },
        { operation: 'nex.events.complete', path: { id: endedEvent?.json.id }, status: 200 },
        { operation: 'nex.events.cancel', path: { id: endedEvent?.json.id }, status: 409 },
        { operation: 'nex.events.update', path: { id: endedEvent?.json.id }, status: 409 },
        { operation: 'nex.ticketTypes.create', path: { id: endedEvent?.json.id }, status: 409 },
        { operation: 'nex.ticketTypes.update', path: ticketTypeId, body: { quantity: 40 }, status: 200 },
        { operation: 'nex.events.cancel', path: eventId, status: 200 },
        { operation: 'nex.ticketTypes.update', path: ticketTypeId, body: { quantity: 40 }, status: 409 },
      ]);

      // Referrals: a code for the public event (not the example's, which the sweeps expect to be
      // missing), its QR code (binary, so straight to the service) and a visit (302, which Prism's
      // proxy would follow, so straight to the service too).
      const code = `fid-${account.id.slice(0, 8)}`;
      const referralBody = { referralType: 'event', referenceId: endedEvent?.json.id, code };
      await idempotentCreate(
        account.id,
        { operation: 'nex.referrals.create', body: referralBody, status: 201 },
        { ...referralBody, code: `${code}-2` },
      );
      await run([
        { operation: 'nex.referrals.create', body: referralBody, status: 409 },
        {
          operation: 'nex.referrals.create',
          body: referralBody,
          token: (await signUp(app)).accessToken,
          status: 409,
        },
        { operation: 'nex.referrals.list', status: 200 },
        { operation: 'nex.referrals.get', path: { code }, status: 200 },
        { operation: 'nex.referrals.conversions.list', path: { code }, status: 200 },
        {
          operation: 'nex.referrals.conversions.list',
          path: { code },
          token: other.accessToken,
          status: 404,
        },
        { operation: 'nex.referrals.update', path: { code }, body: { qrSize: 128 }, status: 200 },
        {
          operation: 'nex.referrals.qr',
          path: { code },
          query: 'format=png',
          token: null,
          direct: true,
          status: 200,
        },
        { operation: 'nex.referrals.qr', path: { code }, token: null, direct: true, status: 200 },
        {
          operation: 'nex.referrals.visit',
          path: { code },
          query: 'src=qr',
          token: null,
          direct: true,
          status: 302,
        },
      ]);

      // Tickets: a free event bought by the other account, checked in once by the organizer; a
      // paid ticket held pending its payment.
      const freeBody = { ...eventBody, isFree: true, capacity: 5 };
      const [freeEvent, paidEvent] = await run([
        { operation: 'nex.events.create', body: freeBody, status: 201 },
        { operation: 'nex.events.create', body: eventBody, status: 201 },
      ]);
      const [freeType, paidType] = await run([
        {
          operation: 'nex.ticketTypes.create',
          path: { id: freeEvent?.json.id },
          body: { name: '無料', priceAmount: 0, quantity: 5 },
          status: 201,
        },
        { operation: 'nex.ticketTypes.create', path: { id: paidEvent?.json.id }, status: 201 },
        { operation: 'nex.events.publish', path: { id: freeEvent?.json.id }, status: 200 },
        { operation: 'nex.events.publish', path: { id: paidEvent?.json.id }, status: 200 },
      ]);
      const buy = { ticketTypeId: freeType?.json.id, quantity: 1 };
      const bought = await idempotentCreate(
        other.id,
        { operation: 'nex.ticketOrders.create', body: buy, token: other.accessToken, status: 201 },
        { ...buy, quantity: 2 },
      );
      const ticket = bought.json.tickets[0];
      await run([
        {
          operation: 'nex.ticketOrders.create',
          body: { ...buy, quantity: 5 },
          token: other.accessToken,
          status: 409,
        },
        {
          operation: 'nex.ticketOrders.create',
          body: { ticketTypeId: paidType?.json.id, quantity: 1 },
          token: other.accessToken,
          status: 201,
        },
        {
          operation: 'nex.ticketOrders.get',
          path: { id: bought.json.id },
          token: other.accessToken,
          status: 200,
        },
        { operation: 'nex.tickets.list', token: other.accessToken, status: 200 },
        {
          operation: 'nex.tickets.qr',
          path: { id: ticket.id },
          query: 'format=png',
          token: other.accessToken,
          direct: true,
          status: 200,
        },
        {
          operation: 'nex.tickets.checkIn',
          path: { id: freeEvent?.json.id },
          body: { code: ticket.code },
          status: 200,
        },
        {
          operation: 'nex.tickets.checkIn',
          path: { id: freeEvent?.json.id },
          body: { code: ticket.code },
          status: 409,
        },
      ]);
    }

    // lane: nex-community cases go here.
    // Nex groups: a public group filled to its limit, roles, removal, leaving and a transfer; a
    // private group joined by invitation. `stranger` has not joined nex.
    const stranger = await signUp(app);
    const third = await signUp(app);
    const thirdName = `fid_${third.id.slice(0, 8)}`;
    const asThird = { token: third.accessToken };
    await call({
      operation: 'nex.creators.create',
      ...asThird,
      body: { ...joining, username: thirdName },
      status: 201,
    });
    const club = await idempotentCreate(
      account.id,
      {
        operation: 'nex.groups.create',
        body: { name: 'fidelity club', isPublic: true, memberLimit: 3 },
        status: 201,
      },
      { name: 'other' },
    );
    const clubId = { id: club.json.id as string };
    const member = (name: string) => ({ ...clubId, username: name });
    await run([
      { operation: 'nex.groups.create', token: stranger.accessToken, status: 409 },
      everyone('nex.groups.list'),
      everyone('nex.groups.get', clubId),
      { operation: 'nex.groups.join', path: clubId, ...asOther, status: 200 },
      { operation: 'nex.groups.join', path: clubId, token: stranger.accessToken, status: 409 },
      { operation: 'nex.groups.update', path: clubId, ...asOther, status: 403 },
      { operation: 'nex.groups.update', path: clubId, body: { memberLimit: 2 }, status: 200 },
      { operation: 'nex.groups.join', path: clubId, ...asThird, status: 409 },
      { operation: 'nex.groups.update', path: clubId, body: { memberLimit: 3 }, status: 200 },
      { operation: 'nex.groups.join', path: clubId, ...asThird, status: 200 },
      { operation: 'nex.groups.update', path: clubId, body: { memberLimit: 2 }, status: 409 },
      everyone('nex.groups.members.list', clubId),
      {
        operation: 'nex.groups.members.update',
        path: member(otherName),
        body: { role: 'admin' },
        status: 200,
      },
      {
        operation: 'nex.groups.members.update',
        path: member(thirdName),
        ...asOther,
        body: { role: 'admin' },
        status: 403,
      },
      {
        operation: 'nex.groups.members.update',
        path: member(username),
        body: { role: 'member' },
        status: 409,
      },
      {
        operation: 'nex.groups.invitations.create',
        path: clubId,
        ...asThird,
        body: { username: otherName },
        status: 403,
      },
      {
        operation: 'nex.groups.invitations.create',
        path: clubId,
        body: { username: thirdName },
        status: 409,
      },
      { operation: 'nex.groups.members.delete', path: member(otherName), ...asThird, status: 403 },
      { operation: 'nex.groups.members.delete', path: member(username), ...asOther, status: 409 },
      { operation: 'nex.groups.members.delete', path: member(thirdName), ...asOther, status: 204 },
      { operation: 'nex.groups.leave', path: clubId, status: 409 },
      {
        operation: 'nex.groups.transfer',
        path: clubId,
        ...asOther,
        body: { username: otherName },
        status: 403,
      },
      { operation: 'nex.groups.transfer', path: clubId, body: { username: thirdName }, status: 409 },
      { operation: 'nex.groups.transfer', path: clubId, body: { username: otherName }, status: 200 },
      { operation: 'nex.groups.leave', path: clubId, status: 204 },
      { operation: 'nex.groups.delete', path: clubId, ...asThird, status: 403 },
      { operation: 'nex.groups.delete', path: clubId, ...asOther, status: 204 },
    ]);
    const secret = await idempotentCreate(
      account.id,
      { operation: 'nex.groups.create', body: { name: 'fidelity secret' }, status: 201 },
      { name: 'other' },
    );
    const secretId = { id: secret.json.id as string };
    await idempotentCreate(
      account.id,
      {
        operation: 'nex.groups.invitations.create',
        path: secretId,
        body: { username: thirdName },
        status: 201,
      },
      { username: otherName },
    );
    const [declinable] = await run([
      {
        operation: 'nex.groups.invitations.create',
        path: secretId,
        body: { username: otherName },
        status: 201,
      },
      { operation: 'nex.groupInvitations.list', ...asThird, status: 200 },
      { operation: 'nex.groups.join', path: secretId, ...asThird, status: 200 },
      { operation: 'nex.groups.list', query: 'member=me', ...asThird, status: 200 },
    ]);
    await run([
      {
        operation: 'nex.groupInvitations.delete',
        path: { id: declinable?.json.id },
        ...asOther,
        status: 204,
      },
      { operation: 'nex.groups.delete', path: secretId, status: 204 },
      // A rename to a username taken, in another case.
      {
        operation: 'nex.creators.update',
        path: { username: thirdName },
        ...asThird,
        body: { newUsername: username.toUpperCase() },
        status: 409,
      },
    ]);
    // Nex group join requests: `other` and `third` ask to join a private group; `third` is let in,
    // `other` declined, then asks again and cancels.
    const den = await call({ operation: 'nex.groups.create', body: { name: 'fidelity den' }, status: 201 });
    const denId = { id: den.json.id as string };
    const denRequest = (id: string) => ({ id });
    const denAsked = await idempotentCreate(
      other.id,
      {
        operation: 'nex.groups.joinRequests.create',
        path: denId,
        ...asOther,
        body: { message: '入れてください' },
        status: 201,
      },
      { message: 'other' },
    );
    const [thirdAsked] = await run([
      { operation: 'nex.groups.joinRequests.create', path: denId, ...asThird, body: {}, status: 201 },
      { operation: 'nex.groups.joinRequests.create', path: denId, body: {}, status: 409 },
      { operation: 'nex.groups.joinRequests.list', path: denId, status: 200 },
      { operation: 'nex.groupJoinRequests.list', ...asOther, status: 200 },
    ]);
    const thirdRequest = denRequest(thirdAsked?.json.id);
    const [, , , , , , askedAgain] = await run([
      { operation: 'nex.groupJoinRequests.approve', path: thirdRequest, ...asThird, status: 403 },
      { operation: 'nex.groupJoinRequests.approve', path: thirdRequest, status: 200 },
      { operation: 'nex.groupJoinRequests.approve', path: thirdRequest, status: 409 },
      { operation: 'nex.groupJoinRequests.decline', path: thirdRequest, status: 409 },
      { operation: 'nex.groups.joinRequests.list', path: denId, ...asThird, status: 403 },
      { operation: 'nex.groupJoinRequests.decline', path: denRequest(denAsked.json.id), status: 200 },
      { operation: 'nex.groups.joinRequests.create', path: denId, ...asOther, body: {}, status: 201 },
    ]);
    const otherRequest = denRequest(askedAgain?.json.id);
    await run([
      { operation: 'nex.groupJoinRequests.decline', path: otherRequest, ...asOther, status: 403 },
      { operation: 'nex.groupJoinRequests.cancel', path: otherRequest, ...asOther, status: 200 },
      { operation: 'nex.groupJoinRequests.cancel', path: otherRequest, ...asOther, status: 409 },
      { operation: 'nex.groups.delete', path: denId, status: 204 },
    ]);

    // lane: miyabi-market cases go here.
    // Miyabi plugins: the public catalogue, a plugin published by the account, edited by its author
    // only, curated by the admin.
    await idempotentCreate(
      account.id,
      { operation: 'miyabi.plugins.create', status: 201 },
      { ...exampleBody(operation('miyabi.plugins.create')), id: 'acme-other' },
    );
    const acme = { id: 'acme-changelog' };
    await run([
      { operation: 'miyabi.plugins.create', status: 409 },
      {
        operation: 'miyabi.plugins.list',
        query: 'sort=downloads&tier=pro&verified=true',
        token: null,
        status: 200,
      },
      { operation: 'miyabi.plugins.get', path: acme, token: null, status: 200 },
      { operation: 'miyabi.plugins.update', path: acme, status: 200 },
      { operation: 'miyabi.plugins.update', path: acme, token: adminToken, status: 403 },
      { operation: 'miyabi.plugins.curate', path: acme, status: 403 },
      { operation: 'miyabi.plugins.curate', path: acme, token: adminToken, status: 200 },
    ]);
    // Miyabi subscriptions, licences, reviews and usage: the free core plugin, a key rotation, a
    // revocation, usage by key and by licence, and the free plan's 100 issues running out.
    const core = { id: 'miyabi-core' };
    // Both creating operations take an Idempotency-Key: the same key with another body, or on
    // another plugin's path, is 422.
    const subscribing = { headers: { 'idempotency-key': `subscribe-${randomUUID()}` } };
    const licensing = { headers: { 'idempotency-key': `license-${randomUUID()}` } };
    const [subscribed] = await run([
      { operation: 'miyabi.subscriptions.create', path: core, body: {}, ...subscribing, status: 201 },
      {
        operation: 'miyabi.subscriptions.create',
        path: core,
        body: { trial: true },
        ...subscribing,
        status: 422,
      },
      { operation: 'miyabi.subscriptions.create', path: core, body: {}, status: 409 },
      { operation: 'miyabi.licenses.create', path: { id: 'miyabi-review' }, status: 409 },
      { operation: 'miyabi.licenseKeys.rotate', token: adminToken, status: 201 },
    ]);
    const [fresh] = await run([
      { operation: 'miyabi.licenses.create', path: core, ...licensing, status: 201 },
      { operation: 'miyabi.licenses.create', path: { id: 'miyabi-review' }, ...licensing, status: 422 },
      { operation: 'miyabi.licenses.list', query: 'plugin=miyabi-core', status: 200 },
      { operation: 'miyabi.licenses.jwks', token: null, status: 200 },
      { operation: 'miyabi.reviews.put', path: core, status: 200 },
      { operation: 'miyabi.reviews.list', path: core, token: null, status: 200 },
      { operation: 'miyabi.reviews.delete', path: core, status: 204 },
      { operation: 'miyabi.licenses.revoke', path: { id: subscribed?.json.license.id }, status: 200 },
      { operation: 'miyabi.licenseRevocations.list', query: 'plugin=miyabi-core', token: null, status: 200 },
      { operation: 'miyabi.usageEvents.create', status: 200 },
    ]);
    const licensed = { token: null, headers: { 'x-miyabi-license': fresh?.json.token } };
    const usageEvent = (pluginId: string, type = 'issue_processed', quantity = 1) => ({
      events: [{ id: randomUUID(), pluginId, type, quantity }],
    });
    await run([
      { operation: 'miyabi.usageEvents.create', ...licensed, body: usageEvent('miyabi-core'), status: 200 },
      {
        operation: 'miyabi.usageEvents.create',
        ...licensed,
        body: usageEvent('miyabi-codegen'),
        status: 403,
      },
      {
        operation: 'miyabi.usageEvents.create',
        body: usageEvent('miyabi-docs-writer', 'issue_processed', 100),
        status: 200,
      },
      { operation: 'miyabi.usageEvents.create', body: usageEvent('miyabi-docs-writer'), status: 402 },
      { operation: 'miyabi.usage.list', query: 'fromMonth=2026-01&toMonth=2099-12', status: 200 },
      { operation: 'miyabi.usageEvents.list', query: 'plugin=miyabi-core', status: 200 },
    ]);

    // lane: miyabi-agents cases go here.
    // Miyabi: a connected repository (again: 409), a signed GitHub delivery recorded for it, and
    // one with a signature of another body (400).
    const miyabiRepoBody = { githubRepoId: 1296269, fullName: 'octocat/Hello-World' };
    const miyabiRepository = await idempotentCreate(
      account.id,
      { operation: 'miyabi.repositories.create', body: miyabiRepoBody, status: 201 },
      { ...miyabiRepoBody, githubRepoId: 1296270 },
    );
    const miyabiRepo = { id: miyabiRepository.json.id };
    const issueOpened = {
      action: 'opened',
      issue: { number: 1347 },
      repository: { id: 1296269, full_name: 'octocat/Hello-World' },
      sender: { login: 'octocat' },
    };
    const githubIssue = githubDelivery(MIYABI_GITHUB_SECRET, 'issues', issueOpened);
    await run([
      { operation: 'miyabi.repositories.create', body: miyabiRepoBody, status: 409 },
      { operation: 'miyabi.repositories.list', query: 'active=true', status: 200 },
      {
        operation: 'miyabi.webhooks.github',
        token: null,
        body: githubIssue.body,
        headers: githubIssue.headers,
        status: 200,
      },
      {
        operation: 'miyabi.webhooks.github',
        token: null,
        body: githubIssue.body,
        headers: { ...githubIssue.headers, 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
        status: 400,
      },
      { operation: 'miyabi.repositories.events.list', path: miyabiRepo, status: 200 },
      { operation: 'miyabi.repositories.get', path: miyabiRepo, status: 200 },
      {
        operation: 'miyabi.repositories.update',
        path: miyabiRepo,
        body: { defaultBranch: 'develop' },
        status: 200,
      },
    ]);
    const [spareRepository] = await run([
      {
        operation: 'miyabi.repositories.create',
        body: { ...miyabiRepoBody, githubRepoId: 1296271 },
        status: 201,
      },
    ]);
    await run([
      { operation: 'miyabi.repositories.delete', path: { id: spareRepository?.json.id }, status: 204 },
    ]);

    // Miyabi agents (the real worker runs them on the dry run) and a workflow of three of them.
    const agentInput = {
      issue: { number: 1347, title: 'Server crashes', body: '- validate PORT\n- add a test' },
      files: [{ path: 'src/server.ts', content: 'const port = Number(process.env.PORT); // TODO\n' }],
    };
    const reviewRequest = { agentType: 'Review', repositoryId: miyabiRepo.id, input: agentInput };
    const agentRun = await idempotentCreate(
      account.id,
      { operation: 'miyabi.agentExecutions.create', body: reviewRequest, status: 202 },
      { ...reviewRequest, agentType: 'PR' },
    );
    await waitForJob(app, account.accessToken, agentRun.json.jobId);
    const agentRunId = { id: agentRun.json.id };
    await run([
      {
        operation: 'miyabi.agentExecutions.create',
        body: { ...reviewRequest, repositoryId: MISSING },
        status: 404,
      },
      { operation: 'miyabi.agentExecutions.list', query: 'agentType=Review', status: 200 },
      { operation: 'miyabi.agentExecutions.get', path: agentRunId, status: 200 },
      {
        operation: 'miyabi.agentExecutions.events',
        path: agentRunId,
        headers: { accept: 'text/event-stream' },
        status: 200,
      },
    ]);
    const workflowBody = {
      name: 'Triage, review, pull request',
      definition: {
        nodes: [
          { id: 'triage', type: 'Issue' },
          { id: 'review', type: 'Review' },
          { id: 'pr', type: 'PR' },
        ],
        edges: [
          { id: 'e1', source: 'triage', target: 'review' },
          { id: 'e2', source: 'review', target: 'pr' },
        ],
      },
      isTemplate: true,
    };
    const workflow = await idempotentCreate(
      account.id,
      { operation: 'miyabi.workflows.create', body: workflowBody, status: 201 },
      { ...workflowBody, name: 'Another' },
    );
    const workflowId = { id: workflow.json.id };
    const workflowRun = await idempotentCreate(
      account.id,
      {
        operation: 'miyabi.workflows.runs.create',
        path: workflowId,
        body: { input: agentInput },
        status: 202,
      },
      { input: { ...agentInput, instructions: 'Other' } },
    );
    const runId = { id: workflowRun.json.id };
    for (let waited = 0; waited < 200; waited += 1) {
      const state = await fetch(`${upstreams.main}/v1/miyabi/workflow-runs/${runId.id}`, {
        headers: bearer(account.accessToken),
      });
      if ((await state.json()).status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await run([
      { operation: 'miyabi.workflows.create', body: { ...workflowBody, repositoryId: MISSING }, status: 404 },
      { operation: 'miyabi.workflows.list', query: 'owner=anyone&template=true', token: null, status: 200 },
      { operation: 'miyabi.workflows.get', path: workflowId, token: null, status: 200 },
      { operation: 'miyabi.workflowRuns.get', path: runId, status: 200 },
      {
        operation: 'miyabi.workflowRuns.events',
        path: runId,
        headers: { accept: 'text/event-stream' },
        status: 200,
      },
      {
        operation: 'miyabi.workflows.update',
        path: workflowId,
        body: { visibility: 'private' },
        status: 200,
      },
      { operation: 'miyabi.workflows.delete', path: workflowId, status: 204 },
    ]);

    // Agent runs spend their plugin's monthly `agent-runs`: an account whose miyabi-core runs are
    // used up is refused a PR run and a workflow run with PR and Issue steps (402).
    const runner = await signUp(app);
    const spendOne = await app.inject({
      method: 'POST',
      url: '/v1/miyabi/agent-executions',
      headers: bearer(runner.accessToken),
      payload: { agentType: 'PR', input: agentInput },
    });
    await waitForJob(app, runner.accessToken, spendOne.json().jobId);
    await admin.query(sql.unsafe`
      UPDATE platform.quota_counters qc SET used = pl."limit"
      FROM platform.plan_limits pl
      WHERE qc.account_id = ${runner.id} AND qc.metric = 'agent-runs' AND qc.subject = 'miyabi-core'
        AND pl.product = 'miyabi' AND pl.plan = 'free' AND pl.metric = 'agent-runs'
    `);
    const runnerWorkflow = await app.inject({
      method: 'POST',
      url: '/v1/miyabi/workflows',
      headers: bearer(runner.accessToken),
      payload: { ...workflowBody, isTemplate: false },
    });
    await run([
      {
        operation: 'miyabi.agentExecutions.create',
        token: runner.accessToken,
        body: { agentType: 'PR', input: agentInput },
        status: 402,
      },
      {
        operation: 'miyabi.workflows.runs.create',
        token: runner.accessToken,
        path: { id: runnerWorkflow.json().id },
        body: { input: agentInput },
        status: 402,
      },
    ]);

    // lane: miyabi-events cases go here.
    const repositoryId = randomUUID();
    await postgresEventStore(Date.now).append(admin, [
      { accountId: account.id, repositoryId, type: 'agent_execution', data: { status: 'completed' } },
      { accountId: account.id, repositoryId, type: 'webhook.github', subject: 'delivery:1' },
    ]);
    const [events] = await run([
      { operation: 'miyabi.events.list', query: `repositoryId=${repositoryId}&limit=1`, status: 200 },
    ]);
    await run([
      {
        operation: 'miyabi.events.list',
        query: `repositoryId=${repositoryId}&cursor=${events?.json.nextCursor}`,
        status: 200,
      },
      { operation: 'miyabi.events.list', query: `cursor=${events?.json.nextCursor}`, status: 400 },
    ]);
    await withAccount(admin, account.id, (tx) =>
      notify(tx, account.id, { type: 'notification', payload: { title: 'Issue #42 created' } }),
    );
    // follow=false: the replay of what is kept, then the end.
    await run([
      {
        operation: 'miyabi.events.stream',
        query: 'follow=false',
        headers: { accept: 'text/event-stream', 'last-event-id': '0' },
        status: 200,
      },
    ]);

    // LINE: a link code, redeemed by a signed message; its redelivery; a forged signature.
    const [linkCode] = await run([{ operation: 'miyabi.line.linkCodes.create', status: 201 }]);
    const lineUserId = `U${randomUUID().replaceAll('-', '')}`;
    const linkMessage = signedLineEvent(lineUserId, `link ${linkCode?.json.code}`);
    await run([
      { operation: 'miyabi.line.webhook', token: null, ...linkMessage, status: 200 },
      { operation: 'miyabi.line.webhook', token: null, ...linkMessage, status: 200 },
      {
        operation: 'miyabi.line.webhook',
        token: null,
        body: linkMessage.body,
        headers: {
          'x-line-signature': lineSignature('some-other-channel-secret', Buffer.from(linkMessage.body)),
        },
        status: 400,
      },
    ]);

    // Miyabi connected accounts: a GitHub link through the fake provider, its state again (400:
    // spent), the list, and the unlink (the sweep's 404 then finds none).
    const [linkStart] = await run([
      { operation: 'miyabi.identities.authorizations.create', path: { provider: 'github' }, status: 201 },
    ]);
    oauth.nextUser = { subject: '583231', email: null, emailVerified: false, name: 'Octo Cat' };
    const consent = await fetch(linkStart?.json.authorizationUrl, { redirect: 'manual' });
    const linkBack = new URL(String(consent.headers.get('location')));
    const linkCallback = {
      code: linkBack.searchParams.get('code'),
      state: linkBack.searchParams.get('state'),
    };
    const githubProvider = { provider: 'github' };
    await run([
      { operation: 'miyabi.identities.callback', path: githubProvider, body: linkCallback, status: 200 },
      { operation: 'miyabi.identities.callback', path: githubProvider, body: linkCallback, status: 400 },
      { operation: 'miyabi.identities.list', status: 200 },
      { operation: 'miyabi.identities.delete', path: githubProvider, status: 204 },
    ]);

    // lane: speak cases go here.

    // lane: platform cases go here.

    // Every operation, from the spec's examples, for the statuses any of them can answer.
    // The limited instance's one request a minute, spent by this account, by this IP (public
    // operations) and by this IP on the auth routes, which have a budget of their own.
    const rateLimitedToken = (await signUp(app)).accessToken;
    await limited.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: { authorization: `Bearer ${rateLimitedToken}` },
    });
    await limited.app.inject({ method: 'GET', url: '/v1/plans' });
    await limited.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'a@example.com', password: 'x' },
    });
    const cutCallback = await signInWithGoogle(googleUser(`c${account.id}@example.com`), 503);
    await cuttable.cut();
    // The examples' refresh token is elided (`yzr_2b1f…`), refused before any query: a real one's
    // lookup meets the missing database.
    const refreshToken = { body: { refreshToken: loginAnswer?.json.tokens.refreshToken } };
    // A sign-in's callback reaches the database only with a good state and code: it was started
    // (on the main instance) before the cut.
    const reachesDatabase: Record<string, Partial<Case>> = {
      'auth.refresh': refreshToken,
      'auth.logout': refreshToken,
      'auth.oauth.callback': cutCallback,
      // A signed request: an unsigned one is refused before the database.
      'miyabi.line.webhook': signedLineEvent('U0123456789abcdef0123456789abcdef', 'hello'),
      'nex.streams.ingestEvents.create': signedIngestEvent('publish', 'nexsk_no-stream-has-this-key'),
    };
    const sweeps: Case[] = all.flatMap((op) => {
      const base = { operation: op.id, direct: isBinaryUpload(op) };
      const declares = (status: number) => String(status) in op.definition.responses;
      const path = Object.fromEntries(
        parameters(op)
          .filter((p) => p.in === 'path')
          .map((p) => [p.name, p.schema?.format === 'uuid' ? MISSING : exampleOf(p)]),
      );
      const jsonBody = requestMediaType(op) === 'application/json';
      const example = exampleBody(op);
      return [
        { ...base, path, upstream: 'limited', token: rateLimitedToken, status: 429 },
        ...(UNREACHABLE[`${op.id} 503`]
          ? []
          : [{ ...base, path, upstream: 'outage', ...reachesDatabase[op.id], status: 503 } satisfies Case]),
        { ...base, path, query: 'cacheBuster=1', status: 400 },
        ...(acceptsBearer(op) ? [{ ...base, path, token: 'not-a-token', status: 401 }] : []),
        // A key without the operation's scope: refused even where anonymous callers are served.
        ...(declares(403) && requiredScope(op)
          ? [
              {
                ...base,
                path,
                token: requiredScope(op) === 'me:read' ? jobsOnlyKey : readOnlyKey,
                status: 403,
              },
            ]
          : []),
        // The admin operation's 404 needs the admin role, and an operation without a path
        // parameter answers 404 for the caller's own missing resource: driven above.
        ...(declares(404) &&
        Object.keys(path).length > 0 &&
        !op.template.includes('{accountId}') &&
        !UNREACHABLE[`${op.id} 404`]
          ? [{ ...base, path, status: 404 }]
          : []),
        // Straight to the service: Prism re-serialises a JSON body (dropping the padding) and
        // answers a media type the operation does not take itself.
        ...(jsonBody && declares(413)
          ? [
              {
                ...base,
                path,
                body: `${' '.repeat(BODY_LIMIT_BYTES)}${JSON.stringify(example)}`,
                status: 413,
                direct: true,
              },
            ]
          : []),
        ...(jsonBody && declares(415)
          ? [{ ...base, path, body: 'a=1', contentType: 'text/plain', status: 415, direct: true }]
          : []),
      ] satisfies Case[];
    });
    // The limited instance's window is a minute from the requests spent above: its 429s go first,
    // so a slow machine cannot let the window pass before the last of them.
    await run(sweeps.filter((test) => test.upstream === 'limited'));
    await run(sweeps.filter((test) => test.upstream !== 'limited'));
    await cuttable.restore();

    // Every operation is driven by a story, and has answered every status it declares: a new
    // operation adds its cases above.
    const undriven = all.filter((op) => !driven.has(op.id)).map((op) => op.id);
    const uncovered = all.flatMap((op) =>
      Object.keys(op.definition.responses)
        .map((status) => `${op.id} ${status}`)
        .filter(
          (entry) => !covered.has(entry) && !UNREACHABLE[entry] && !UNREACHABLE[`* ${entry.split(' ')[1]}`],
        ),
    );
    const stale = Object.keys(UNREACHABLE).filter((entry) => covered.has(entry));
    expect({ findings, undriven, uncovered, stale }).toEqual({
      findings: [],
      undriven: [],
      uncovered: [],
      stale: [],
    });
    // Every operation's story and sweeps, one request at a time through Prism: minutes on a
    // loaded 2-core machine.
  }, 600_000);
});
