import { randomUUID } from 'node:crypto';
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../../test/harness.ts';
import { superuserPool } from '../../../test/superuser.ts';

const { app, databaseUrl, clock } = await testApp();
const superuser = await superuserPool(databaseUrl);

async function createKey(accessToken: string, scopes: string[]) {
  const created = await as(app, accessToken, {
    method: 'POST',
    url: '/v1/api-keys',
    payload: { name: 'authenticate test', scopes },
  });
  expect(created.statusCode).toBe(201);
  return created.json() as { id: string; secret: string };
}

function lastUsedAt(keyId: string) {
  return superuser.oneFirst(sql.unsafe`SELECT last_used_at FROM platform.api_keys WHERE id = ${keyId}`);
}

/** Moves the key's last use back, as if it had been used that long ago. */
function backdate(keyId: string, seconds: number) {
  return superuser.query(sql.unsafe`
    UPDATE platform.api_keys SET last_used_at = now() - make_interval(secs => ${seconds}) WHERE id = ${keyId}
  `);
}

describe('API-key authentication', () => {
  it('marks a key used on its first request, then at most once a minute', async () => {
    const account = await signUp(app);
    const key = await createKey(account.accessToken, ['me:read']);
    expect(await lastUsedAt(key.id)).toBeNull();

    expect((await as(app, key.secret, { method: 'GET', url: '/v1/me' })).statusCode).toBe(200);
    const first = await lastUsedAt(key.id);
    expect(first).not.toBeNull();

    // Within the minute: no write, the mark stays.
    await backdate(key.id, 30);
    const recent = await lastUsedAt(key.id);
    expect((await as(app, key.secret, { method: 'GET', url: '/v1/me' })).statusCode).toBe(200);
    expect(await lastUsedAt(key.id)).toBe(recent);

    // Over a minute old: the next request moves it to now. A minute passes for the service too,
    // which remembers when it last marked the key (kernel/auth/known-callers.ts).
    await backdate(key.id, 61);
    clock.offsetMs += 61_000;
    const stale = await lastUsedAt(key.id);
    expect((await as(app, key.secret, { method: 'GET', url: '/v1/me' })).statusCode).toBe(200);
    const touched = await lastUsedAt(key.id);
    expect(Date.parse(String(touched))).toBeGreaterThan(Date.parse(String(stale)) + 60_000);
  });

  it('marks the key used even when its request fails, and the failure rolls back nothing else', async () => {
    const account = await signUp(app);
    const key = await createKey(account.accessToken, ['me:read']);
    const refused = await as(app, key.secret, { method: 'PATCH', url: '/v1/me', payload: { name: 'x' } });
    expectProblem(refused, 403, 'forbidden');
    expect(await lastUsedAt(key.id)).not.toBeNull();
    const me = await as(app, account.accessToken, { method: 'GET', url: '/v1/me' });
    expect(me.json().name).toBeNull();
  });

  it('fails a revoked key on the very next request, even one sent while it was being revoked', async () => {
    const account = await signUp(app);
    const key = await createKey(account.accessToken, ['me:read']);
    const inFlight = Array.from({ length: 10 }, () => as(app, key.secret, { method: 'GET', url: '/v1/me' }));
    const revoked = await as(app, account.accessToken, { method: 'DELETE', url: `/v1/api-keys/${key.id}` });
    expect(revoked.statusCode).toBe(204);
    for (const response of await Promise.all(inFlight)) expect([200, 401]).toContain(response.statusCode);
    expectProblem(await as(app, key.secret, { method: 'GET', url: '/v1/me' }), 401, 'unauthenticated');
  });

  it('answers an unknown key with 401, and binds nothing: the same connection then serves its owner', async () => {
    const account = await signUp(app);
    const unknown = 'yz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expectProblem(await as(app, unknown, { method: 'GET', url: '/v1/me' }), 401, 'unauthenticated');
    const key = await createKey(account.accessToken, ['api-keys:read']);
    const list = await as(app, key.secret, { method: 'GET', url: '/v1/api-keys' });
    expect(list.json().data.map((row: { id: string }) => row.id)).toEqual([key.id]);
  });
});

describe('access tokens of accounts that do not exist', () => {
  const reads = [{ method: 'GET', url: '/v1/me' } as const, { method: 'GET', url: '/v1/api-keys' } as const];
  const writes = [
    { method: 'PATCH', url: '/v1/me', payload: { name: 'ghost' } } as const,
    { method: 'POST', url: '/v1/api-keys', payload: { name: 'ghost', scopes: ['me:read'] } } as const,
  ];

  it('answers 401 on reads and writes once the account is deleted', async () => {
    const account = await signUp(app);
    expect((await as(app, account.accessToken, reads[0]!)).statusCode).toBe(200);
    await superuser.query(sql.unsafe`DELETE FROM platform.accounts WHERE id = ${account.id}`);
    for (const request of [...reads, ...writes]) {
      expectProblem(await as(app, account.accessToken, request), 401, 'unauthenticated');
    }
  });

  it('answers 401 to a correctly signed token naming an unknown account, or no account id at all', async () => {
    for (const subject of [randomUUID(), 'not-a-uuid']) {
      const token = await app.accessTokens.issue(subject);
      for (const request of [...reads, ...writes]) {
        expectProblem(await as(app, token, request), 401, 'unauthenticated');
      }
    }
  });
});
