import { randomUUID } from 'node:crypto';
import { sql } from 'slonik';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../test/harness.ts';
import { superuserPool } from '../../test/superuser.ts';
import { startTcpProxy } from '../../test/tcp-proxy.ts';
import { NoRows } from '../db/row-type.ts';

// The service's pool reaches PostgreSQL through a proxy that counts the client's flights.
const databaseUrl = new URL(inject('databaseUrl'));
const proxy = await startTcpProxy({ host: databaseUrl.hostname, port: Number(databaseUrl.port || 5432) });
afterAll(() => proxy.close());
const viaProxy = new URL(databaseUrl);
viaProxy.hostname = '127.0.0.1';
viaProxy.port = String(proxy.port);
const { app } = await testApp({}, { databaseUrl: viaProxy.toString() });
const admin = await superuserPool(databaseUrl.toString());

async function keyFor(scopes: string[]) {
  const account = await signUp(app);
  const created = await as(app, account.accessToken, {
    method: 'POST',
    url: '/v1/api-keys',
    payload: { name: 'known caller', scopes },
  });
  expect(created.statusCode).toBe(201);
  return { account, key: created.json() as { id: string; secret: string } };
}

/**
 * The response of `GET /v1/me` and the flights it took, counted once whatever the request wrote
 * without waiting (a read-only COMMIT) has reached the proxy.
 */
async function me(token: string) {
  proxy.resetFlights();
  const response = await as(app, token, { method: 'GET', url: '/v1/me' });
  await new Promise((resolve) => setTimeout(resolve, 200));
  return { response, flights: proxy.flights() };
}

describe('reads on a known caller', () => {
  it('sends the binding with the query: a one-query read is one round trip once the key is known', async () => {
    const { account, key } = await keyFor(['me:read']);
    const first = await me(key.secret);
    expect(first.response.statusCode).toBe(200);
    // Not known yet: START and the binding (answered), the query, COMMIT, and the key's first use marked.
    expect(first.flights).toBe(4);

    const second = await me(key.secret);
    expect(second.response.json()).toEqual(first.response.json());
    expect(second.response.json().id).toBe(account.id);
    // Binding and query in one flight; the read-only COMMIT follows unawaited.
    expect(second.flights).toBe(2);

    const token = await me(account.accessToken);
    expect(token.response.json().id).toBe(account.id);
    expect(token.flights).toBe(2);
  });

  it('sends a write’s binding with its first statement, and refuses a key revoked since, changing nothing', async () => {
    const { account, key } = await keyFor(['api-keys:read', 'api-keys:write']);
    const create = async () => {
      proxy.resetFlights();
      const response = await as(app, key.secret, {
        method: 'POST',
        url: '/v1/api-keys',
        payload: { name: 'made by a key', scopes: ['api-keys:read'] },
      });
      return { response, flights: proxy.flights() };
    };
    const first = await create();
    expect(first.response.statusCode).toBe(201);
    const second = await create();
    expect(second.response.statusCode).toBe(201);
    // The binding's own round trip is gone; the rest (the insert, the audit row, COMMIT) stays.
    expect(second.flights).toBe(first.flights - 2); // and the first's mark of the key's use

    await as(app, account.accessToken, { method: 'DELETE', url: `/v1/api-keys/${key.id}` });
    expectProblem((await create()).response, 401, 'unauthenticated');
    const keys = await as(app, account.accessToken, { method: 'GET', url: '/v1/api-keys' });
    expect(
      keys
        .json()
        .data.map((row: { name: string }) => row.name)
        .sort(),
    ).toEqual(['known caller', 'made by a key', 'made by a key']);
  });

  it('refuses at once a key whose scopes changed since it was known', async () => {
    const { key } = await keyFor(['me:read', 'api-keys:read']);
    expect((await me(key.secret)).response.statusCode).toBe(200);
    await admin.query(
      sql.type(NoRows)`UPDATE platform.api_keys SET scopes = ARRAY['api-keys:read'] WHERE id = ${key.id}`,
    );
    expectProblem((await me(key.secret)).response, 403, 'forbidden');
    // The scope it still has works, and so does the one given back.
    expect((await as(app, key.secret, { method: 'GET', url: '/v1/api-keys' })).statusCode).toBe(200);
    await admin.query(
      sql.type(
        NoRows,
      )`UPDATE platform.api_keys SET scopes = ARRAY['me:read', 'api-keys:read'] WHERE id = ${key.id}`,
    );
    expect((await me(key.secret)).response.statusCode).toBe(200);
  });

  it('refuses a token whose account is gone, and a key revoked since it was known', async () => {
    const ghost = await app.accessTokens.issue(randomUUID());
    expectProblem((await me(ghost)).response, 401, 'unauthenticated');

    const { account, key } = await keyFor(['me:read']);
    expect((await me(key.secret)).response.statusCode).toBe(200);
    await as(app, account.accessToken, { method: 'DELETE', url: `/v1/api-keys/${key.id}` });
    expectProblem((await me(key.secret)).response, 401, 'unauthenticated');
  });

  it('answers a handler’s own refusal as before, and a revoked key’s 401 before it', async () => {
    const { account, key } = await keyFor(['me:read', 'jobs:read']);
    const job = () => as(app, key.secret, { method: 'GET', url: `/v1/jobs/${randomUUID()}` });
    expect((await me(key.secret)).response.statusCode).toBe(200);
    expectProblem(await job(), 404, 'not_found');
    await as(app, account.accessToken, { method: 'DELETE', url: `/v1/api-keys/${key.id}` });
    expectProblem(await job(), 401, 'unauthenticated');
  });
});
