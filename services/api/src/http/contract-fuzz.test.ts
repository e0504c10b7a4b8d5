/**
 * Schema-driven fuzzing of every operation of the contract: fast-check builds requests from the
 * operation's own schemas (path, query, headers, body), mixing valid values, real ids of the
 * caller's resources and hostile ones (NUL, unpaired surrogates, impossible dates, numbers out
 * of range, wrong types, unknown properties), and sends them to the real app on the real
 * database with a real credential. Whatever arrives, the answer is never a 5xx, and every
 * error is problem+json.
 */
import { type OperationDefinition, operations } from '@yorozu/contract';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { signUp, testApp } from '../../test/harness.ts';
import { superuserPool } from '../../test/superuser.ts';
import { stripeSignature } from '../kernel/payments/index.ts';
import { createCharacter, uploadImage } from '../modules/studio/testing.ts';

/** Requests per operation: about a thousand in all, in well under a minute. */
const RUNS = 25;
const STRIPE_SECRET = 'whsec_contract_fuzzing_secret';

const { app, databaseUrl } = await testApp({
  RATE_LIMIT_PER_MINUTE: '1000000',
  LOGIN_ATTEMPTS_PER_MINUTE: '1000000',
  STRIPE_WEBHOOK_SECRET: STRIPE_SECRET,
  // Configured, so the webhooks check their signatures: unconfigured they answer 503 by design.
  MIYABI_GITHUB_WEBHOOK_SECRET: 'contract-fuzzing-github-secret',
  LINE_CHANNEL_SECRET: 'contract-fuzzing-line-secret',
  NEX_INGEST_SECRET: 'contract-fuzzing-ingest-secret',
  // Configured, so linking an identity starts flows and checks states instead of answering 503;
  // no fuzzed state is ever a real one, so nothing reaches the (default, unreachable) providers.
  MIYABI_GITHUB_OAUTH_CLIENT_ID: 'fuzz-client',
  MIYABI_GITHUB_OAUTH_CLIENT_SECRET: 'fuzz-secret',
  MIYABI_GITHUB_OAUTH_REDIRECT_URI: 'http://127.0.0.1:5173/connect/github',
  MIYABI_LINE_OAUTH_CLIENT_ID: 'fuzz-client',
  MIYABI_LINE_OAUTH_CLIENT_SECRET: 'fuzz-secret',
  MIYABI_LINE_OAUTH_REDIRECT_URI: 'http://127.0.0.1:5173/connect/line',
});
const account = await signUp(app);
// An admin, so the admin operations run their handlers too (the role is read per request).
await (await superuserPool(databaseUrl)).query(
  sql.unsafe`UPDATE platform.accounts SET role = 'admin' WHERE id = ${account.id}`,
);
const fileId = await uploadImage(app, account);
const characterId = (await createCharacter(app, account, { baseImageFileId: fileId })).json().id as string;
const knownIds = [account.id, fileId, characterId];

const HOSTILE_TEXT = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\udc00\ud800',
  '2026-02-30',
  '0000-01-01',
  '2026-02-30T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59-23:59',
  '9999-12',
  '0000-12',
  '',
  ' ',
  '%00',
  '0x10',
  '1e1',
  '-1',
  'null',
  "' OR 1=1 --",
  '😀',
  'W1siYSJdXQ',
  'a'.repeat(300),
];
const hostileText = fc.constantFrom(...HOSTILE_TEXT);
const anyText = fc.oneof(hostileText, fc.string({ unit: 'binary', maxLength: 40 }));
const anyNumber = fc.constantFrom(
  0,
  -1,
  0.5,
  2 ** 31,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  1e308,
);

type Schema = Record<string, unknown>;

const calendarDate = fc.date({
  min: new Date('0001-01-01T00:00:00Z'),
  max: new Date('9999-12-31T23:59:59Z'),
  noInvalidDate: true,
});

function stringOf(schema: Schema): fc.Arbitrary<string> {
  switch (schema['format']) {
    case 'uuid':
      return fc.oneof(fc.constantFrom(...knownIds), fc.uuid());
    case 'date':
      return calendarDate.map((date) => date.toISOString().slice(0, 10));
    case 'date-time':
      return calendarDate.map((date) => date.toISOString());
    case 'email':
      return fc.emailAddress();
  }
  if (typeof schema['pattern'] === 'string') {
    try {
      return fc.stringMatching(new RegExp(schema['pattern'], 'u'));
    } catch {
      // A pattern fast-check cannot generate from (e.g. a lookahead): plain strings then.
    }
  }
  const minLength = (schema['minLength'] as number | undefined) ?? 0;
  return fc.string({
    minLength,
    maxLength: Math.max(minLength, Math.min((schema['maxLength'] as number) ?? 30, 30)),
  });
}

/** A valid string with a NUL or an unpaired surrogate slipped in: it still matches most patterns. */
function tainted(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(valid, fc.constantFrom('\u0000', '\ud800', '\udfff'), fc.nat()).map(([text, bad, at]) => {
    const index = at % (text.length + 1);
    return text.slice(0, index) + bad + text.slice(index);
  });
}

/** Mostly what the schema allows, sometimes anything else, so both handlers and validation are exercised. */
function arbitraryFor(schema: Schema): fc.Arbitrary<unknown> {
  const mostly = (valid: fc.Arbitrary<unknown>, other: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: other });
  if ('const' in schema) return mostly(fc.constant(schema['const']), anyText);
  if (Array.isArray(schema['enum']))
    return mostly(fc.constantFrom(...(schema['enum'] as unknown[])), anyText);
  const union = (schema['anyOf'] ?? schema['oneOf']) as Schema[] | undefined;
  if (union) return fc.oneof(...union.map(arbitraryFor));
  switch (schema['type']) {
    case 'string': {
      const valid = stringOf(schema);
      return fc.oneof(
        { weight: 3, arbitrary: valid },
        { weight: 1, arbitrary: tainted(valid) },
        { weight: 1, arbitrary: anyText },
      );
    }
    case 'integer':
      return mostly(
        fc.integer({
          min: (schema['minimum'] as number | undefined) ?? -1000,
          max: (schema['maximum'] as number | undefined) ?? 1000,
        }),
        fc.oneof(anyNumber, anyText),
      );
    case 'number':
      return mostly(fc.double({ noNaN: true, noDefaultInfinity: true }), anyText);
    case 'boolean':
      return mostly(fc.boolean(), anyText);
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = arbitraryFor((schema['items'] as Schema | undefined) ?? {});
      const maxItems = (schema['maxItems'] as number | undefined) ?? 4;
      return mostly(
        fc.array(items, { maxLength: Math.min(maxItems, 6) }),
        fc.array(items, { maxLength: maxItems + 3 }),
      );
    }
    case 'object': {
      const properties = Object.entries((schema['properties'] as Record<string, Schema> | undefined) ?? {});
      const required = new Set((schema['required'] as string[] | undefined) ?? []);
      const record = fc.record(
        Object.fromEntries(properties.map(([name, property]) => [name, arbitraryFor(property)])),
        {
          requiredKeys: properties.map(([name]) => name).filter((name) => required.has(name)),
        },
      );
      return mostly(
        record,
        record.map((value) => ({ ...value, 'unknown\u0000': 1 })),
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Percent-encodes text, an unpaired surrogate as the bytes a careless encoder writes (invalid UTF-8). */
function percentEncode(text: string): string {
  let encoded = '';
  for (const character of text) {
    const code = character.codePointAt(0) as number;
    if (code < 0xd800 || code > 0xdfff) encoded += encodeURIComponent(character);
    else
      encoded += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16)}`)
        .join('');
  }
  return encoded;
}

/** Header values must be visible ASCII on the wire; anything else goes percent-encoded. */
const headerValue = (value: unknown) => {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return /^[\x20-\x7e]*$/.test(text) ? text : percentEncode(text);
};

function requestFor(operation: OperationDefinition): fc.Arbitrary<InjectOptions> {
  const part = (schema: Schema | undefined) => (schema ? arbitraryFor(schema) : fc.constant({}));
  const body = operation.bodyContentTypes
    ? fc.tuple(fc.constantFrom(...operation.bodyContentTypes), fc.uint8Array({ maxLength: 64 }))
    : operation.body
      ? arbitraryFor(operation.body as Schema)
      : fc.constant(undefined);
  return fc
    .record({
      params: part(operation.params as Schema | undefined),
      query: part(operation.query as Schema | undefined),
      headers: part(operation.headers as Schema | undefined),
      body,
      idempotencyKey: fc.option(fc.oneof(fc.uuid(), hostileText)),
      // With the caller's credential: a bearer token, or for a public operation that verifies
      // a signature instead (Stripe's webhook), a valid signature of the body.
      authenticated: fc.oneof(
        { weight: 9, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) },
      ),
    })
    .map(({ params, query, headers, body, idempotencyKey, authenticated }) => {
      const values = (part: unknown) => Object.entries((part ?? {}) as Record<string, unknown>);
      const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
        percentEncode(String((params as Record<string, unknown>)[name] ?? '')),
      );
      const search = values(query)
        .map(
          ([name, value]) =>
            `${percentEncode(name)}=${percentEncode(typeof value === 'string' ? value : JSON.stringify(value))}`,
        )
        .join('&');
      const sent: Record<string, string> = {};
      for (const [name, value] of values(headers))
        if (!name.includes('\u0000')) sent[name] = headerValue(value);
      if (idempotencyKey !== null) sent['idempotency-key'] = headerValue(idempotencyKey);
      if (authenticated && operation.auth !== 'public')
        sent['authorization'] = `Bearer ${account.accessToken}`;
      const request: InjectOptions = {
        method: operation.method,
        url: search ? `${path}?${search}` : path,
        headers: sent,
      };
      if (Array.isArray(body) && operation.bodyContentTypes) {
        const [contentType, bytes] = body as [string, Uint8Array];
        return { ...request, headers: { ...sent, 'content-type': contentType }, payload: Buffer.from(bytes) };
      }
      if (body === undefined) return request;
      const payload = JSON.stringify(body);
      if (authenticated && operation.operationId === 'billing.stripeWebhook') {
        const now = Math.floor(Date.now() / 1000);
        sent['stripe-signature'] = `t=${now},v1=${stripeSignature(STRIPE_SECRET, now, Buffer.from(payload))}`;
      }
      return { ...request, headers: { ...sent, 'content-type': 'application/json' }, payload };
    });
}

/**
 * The response, read whole; of an event stream only the head, then the client leaves: an
 * account's realtime stream follows until it does (docs/products/miyabi.md, LINE, realtime and
 * the event store), so reading it whole would never end.
 */
async function send(request: InjectOptions) {
  const leave = new AbortController();
  const response = await app.inject({ ...request, payloadAsStream: true, signal: leave.signal });
  const head = { statusCode: response.statusCode, headers: response.headers };
  if (String(response.headers['content-type']).startsWith('text/event-stream')) {
    leave.abort();
    return { ...head, body: '' };
  }
  const chunks: Buffer[] = [];
  for await (const chunk of response.stream()) chunks.push(chunk as Buffer);
  return { ...head, body: Buffer.concat(chunks).toString('utf8') };
}

describe('every operation, fed values from its own schemas and hostile ones', () => {
  it.each(Object.values(operations) as OperationDefinition[])(
    '$operationId never answers 5xx',
    async (operation) => {
      await fc.assert(
        fc.asyncProperty(requestFor(operation), async (request) => {
          const response = await send(request);
          const seen = `${request.method} ${request.url} → ${response.statusCode} ${response.body.slice(0, 300)}`;
          expect(response.statusCode, seen).toBeLessThan(500);
          if (response.statusCode >= 400) {
            expect(response.headers['content-type'], seen).toMatch(/^application\/problem\+json/);
          }
        }),
        { numRuns: RUNS },
      );
    },
  );
});
