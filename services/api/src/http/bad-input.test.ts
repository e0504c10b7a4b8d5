import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../test/harness.ts';
import { seedFeatures } from '../modules/studio/testing.ts';

const { app } = await testApp();
const account = await signUp(app);
const UNSTORABLE = 'must not contain NUL characters or unpaired surrogates';

function send(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  return as(app, account.accessToken, { method, url, ...(payload ? { payload } : {}) });
}

/** The one field problem a 400 `validation_failed` names. */
function problemOf(response: LightMyRequestResponse, code = 'validation_failed') {
  const problem = expectProblem(response, 400, code);
  expect(problem.errors).toHaveLength(1);
  return problem.errors[0] as { path: string; message: string };
}

function cursorOf(list: string, createdAt: string, ...rest: string[]) {
  return Buffer.from(JSON.stringify([list, createdAt, randomUUID(), ...rest])).toString('base64url');
}

describe('strings PostgreSQL cannot store', () => {
  const character = `/v1/studio/characters/${randomUUID()}`;
  it.each([
    ['a NUL in a name', 'PATCH', '/v1/me', { name: 'Ada\u0000' }, '/body/name'],
    ['an unpaired high surrogate in a name', 'PATCH', '/v1/me', { name: 'Ada\ud800' }, '/body/name'],
    [
      'an unpaired low surrogate in a key name',
      'POST',
      '/v1/api-keys',
      { name: '\udc00', scopes: ['me:read'] },
      '/body/name',
    ],
    [
      'a NUL deep in character features',
      'POST',
      '/v1/studio/characters',
      {
        name: 'x',
        baseImageFileId: randomUUID(),
        artStyle: 'anime',
        features: { ...seedFeatures, hair: { color: 'pink\u0000', style: 'long' } },
      },
      '/body/features/hair/color',
    ],
    [
      'a NUL in a custom prompt',
      'POST',
      `${character}/generations`,
      { expressions: ['custom'], customPrompt: 'smile\u0000' },
      '/body/customPrompt',
    ],
    [
      'an unpaired surrogate in a sticker title',
      'POST',
      '/v1/stickers/images',
      { title: '\ud83d', characterName: 'x', attribute: 'holy', rarity: 'rare', backgroundColor: '#3a7bd5' },
      '/body/title',
    ],
  ] as const)('refuses %s with its field path', async (_case, method, url, payload, path) => {
    expect(problemOf(await send(method, url, payload))).toEqual({ path, message: UNSTORABLE });
  });

  it('keeps well-formed text, astral characters included', async () => {
    const renamed = await send('PATCH', '/v1/me', { name: 'Ada 😀 ゆあ' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toBe('Ada 😀 ゆあ');
  });

  it('refuses a NUL in a query filter', async () => {
    expect(problemOf(await send('GET', '/v1/studio/characters?hairColor=pink%00'))).toEqual({
      path: '/query/hairColor',
      message: UNSTORABLE,
    });
  });
});

describe('impossible dates', () => {
  it.each([
    ['/v1/stickers/usage?from=2026-02-30', '/query/from'],
    ['/v1/stickers/usage?to=0000-01-01', '/query/to'],
    ['/v1/usage/ledger?from=2026-02-30T00:00:00Z', '/query/from'],
    ['/v1/usage/ledger?to=0000-01-01T00:00:00Z', '/query/to'],
    ['/v1/usage/ledger?from=2026-01-01T24:00:00Z', '/query/from'],
    ['/v1/studio/credit-transactions?fromMonth=0000-12', '/query/fromMonth'],
  ])('refuses %s', async (url, path) => {
    expect(problemOf(await send('GET', url)).path).toBe(path);
  });

  it('takes the first and last months PostgreSQL can hold, and a leap day', async () => {
    for (const url of [
      '/v1/studio/credit-transactions?fromMonth=0001-01&toMonth=9999-12',
      '/v1/stickers/usage?from=2024-02-29&to=9999-12-31',
      '/v1/usage/ledger?from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59.999Z',
    ]) {
      const response = await send('GET', url);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 200 });
    }
  });

  it.each([
    ['a day that does not exist', cursorOf('usage-ledger', '2026-02-30T00:00:00.000Z')],
    ['year 0000', cursorOf('usage-ledger', '0000-01-01T00:00:00.000Z')],
  ])('refuses a cursor naming %s as invalid_cursor', async (_case, cursor) => {
    const problem = problemOf(await send('GET', `/v1/usage/ledger?cursor=${cursor}`), 'invalid_cursor');
    expect(problem.path).toBe('/query/cursor');
  });
});

describe('strict parameters', () => {
  it.each(['0x10', '1e1', '%2016', '16.0', '+16', '0b1', '', 'Infinity'])(
    'refuses limit=%s',
    async (limit) => {
      expect(problemOf(await send('GET', `/v1/api-keys?limit=${limit}`))).toEqual({
        path: '/query/limit',
        message: 'must be integer',
      });
    },
  );

  it('takes a decimal limit, and refuses a repeated one', async () => {
    expect((await send('GET', '/v1/api-keys?limit=16')).statusCode).toBe(200);
    expect(problemOf(await send('GET', '/v1/api-keys?limit=1&limit=2')).path).toBe('/query/limit');
  });

  it('answers a path parameter over 100 characters, or one that is not UTF-8, with problem+json', async () => {
    const long = await send('DELETE', `/v1/api-keys/${'a'.repeat(101)}`);
    expect(problemOf(long)).toEqual({ path: '/path', message: 'has a parameter over 100 characters' });
    const broken = await send('GET', '/v1/jobs/%E0%A4%A');
    expect(problemOf(broken).path).toBe('/path');
    expect(problemOf(await send('DELETE', '/v1/api-keys/not-a-uuid')).path).toBe('/path/id');
  });
});

describe('field problems', () => {
  it('name request parts as the contract does: query, path, header, body', async () => {
    expect(problemOf(await send('GET', '/v1/api-keys?limit=0')).path).toBe('/query/limit');
    expect(problemOf(await send('GET', '/v1/jobs/42')).path).toBe('/path/id');
    const badKey = await as(app, account.accessToken, {
      method: 'POST',
      url: '/v1/api-keys',
      headers: { 'idempotency-key': '' },
      payload: { name: 'k', scopes: ['me:read'] },
    });
    expect(problemOf(badKey).path).toBe('/header/idempotency-key');
    expect(problemOf(await send('POST', '/v1/api-keys', { name: 'k', scopes: ['me:read', 7] }))).toEqual({
      path: '/body/scopes/1',
      message: 'must be string',
    });
  });

  it('name a missing field and an unknown one by their own pointer', async () => {
    expect(problemOf(await send('POST', '/v1/api-keys', { scopes: ['me:read'] }))).toEqual({
      path: '/body/name',
      message: 'is required',
    });
    expect(problemOf(await send('PATCH', '/v1/me', { name: 'x', 'a/b~c': 1 }))).toEqual({
      path: '/body/a~1b~0c',
      message: 'is not a known property',
    });
  });

  it('list the allowed values of an enum', async () => {
    expect(problemOf(await send('GET', '/v1/stickers/images?attribute=plasma'))).toEqual({
      path: '/query/attribute',
      message: 'must be one of fire, water, wind, earth, thunder, light, dark, holy',
    });
    expect(problemOf(await send('POST', '/v1/api-keys', { name: 'k', scopes: ['root'] })).message).toMatch(
      /^must be one of me:read, me:write, /,
    );
  });
});
