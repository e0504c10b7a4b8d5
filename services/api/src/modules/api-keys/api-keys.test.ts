import { randomUUID } from 'node:crypto';
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { as, bearer, expectProblem, signUp, testApp } from '../../../test/harness.ts';

const { app, pool } = await testApp();

async function createKey(
  token: string,
  scopes: string[] = ['me:read', 'api-keys:read', 'api-keys:write'],
  headers = {},
) {
  return as(app, token, {
    method: 'POST',
    url: '/v1/api-keys',
    payload: { name: 'test key', scopes },
    headers,
  });
}

describe('api keys', () => {
  it('shows the secret once, lists keys without it, and authenticates with it', async () => {
    const account = await signUp(app);
    const created = await createKey(account.accessToken);
    expect(created.statusCode).toBe(201);
    const key = created.json();
    expect(key.secret).toMatch(/^yz_[A-Za-z0-9_-]{43}$/);
    expect(key.prefix).toBe(key.secret.slice(0, 7));

    const list = await as(app, account.accessToken, { method: 'GET', url: '/v1/api-keys' });
    expect(list.json().data).toHaveLength(1);
    expect(list.json().data[0]).not.toHaveProperty('secret');
    expect(list.body).not.toContain(key.secret);

    const me = await as(app, key.secret, { method: 'GET', url: '/v1/me' });
    expect(me.json().id).toBe(account.id);
    const stored = await pool.oneFirst(
      sql.unsafe`SELECT count(*) FROM platform.api_keys WHERE prefix = ${key.prefix}`,
    );
    expect(stored).toBe(0); // RLS: the pool's role sees no rows outside a bound account
  });

  it('fails a revoked key on the very next request', async () => {
    const account = await signUp(app);
    const key = (await createKey(account.accessToken)).json();
    expect((await as(app, key.secret, { method: 'GET', url: '/v1/me' })).statusCode).toBe(200);
    const revoked = await as(app, account.accessToken, { method: 'DELETE', url: `/v1/api-keys/${key.id}` });
    expect(revoked.statusCode).toBe(204);
    expectProblem(await as(app, key.secret, { method: 'GET', url: '/v1/me' }), 401, 'unauthenticated');
    // Revoking twice: the key is no longer live.
    expectProblem(
      await as(app, account.accessToken, { method: 'DELETE', url: `/v1/api-keys/${key.id}` }),
      404,
      'not_found',
    );
  });

  it('enforces scopes: 403 without one, and a key cannot mint a stronger key', async () => {
    const account = await signUp(app);
    const readOnly = (await createKey(account.accessToken, ['me:read'])).json();
    expectProblem(
      await as(app, readOnly.secret, { method: 'PATCH', url: '/v1/me', payload: { name: 'x' } }),
      403,
      'forbidden',
    );
    const writer = (await createKey(account.accessToken, ['api-keys:write'])).json();
    const escalate = await createKey(writer.secret, ['api-keys:write', 'me:write']);
    expect(expectProblem(escalate, 403, 'forbidden').detail).toContain('me:write');
    expect((await createKey(writer.secret, ['api-keys:write'])).statusCode).toBe(201);
  });

  it("answers another account's key id exactly like a missing one", async () => {
    const owner = await signUp(app);
    const intruder = await signUp(app);
    const key = (await createKey(owner.accessToken)).json();
    const foreign = await as(app, intruder.accessToken, { method: 'DELETE', url: `/v1/api-keys/${key.id}` });
    const missing = await as(app, intruder.accessToken, {
      method: 'DELETE',
      url: `/v1/api-keys/${randomUUID()}`,
    });
    const a = expectProblem(foreign, 404, 'not_found');
    const b = expectProblem(missing, 404, 'not_found');
    expect({ ...a, requestId: '' }).toEqual({ ...b, requestId: '' });
    expect((await as(app, key.secret, { method: 'GET', url: '/v1/me' })).statusCode).toBe(200);
    expectProblem(
      await as(app, owner.accessToken, { method: 'DELETE', url: '/v1/api-keys/not-a-uuid' }),
      400,
      'validation_failed',
    );
  });

  it('pages 45 keys by 20: every key once, newest first, while new keys are created concurrently', async () => {
    const account = await signUp(app);
    const original: string[] = [];
    for (let i = 0; i < 45; i++) original.push((await createKey(account.accessToken)).json().id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const concurrentInsert = createKey(account.accessToken);
      const url: string = `/v1/api-keys?limit=20${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await as(app, account.accessToken, { method: 'GET', url });
      expect(page.statusCode).toBe(200);
      const body = page.json();
      seen.push(...body.data.map((key: { id: string }) => key.id));
      // As instants, not strings: RFC 3339 drops trailing zeros (`.47Z` is before `.478727Z`, and sorts after it).
      const stamps = body.data.map((key: { createdAt: string }) => Date.parse(key.createdAt));
      expect([...stamps].sort((a, b) => b - a)).toEqual(stamps);
      cursor = body.nextCursor;
      pages++;
      await concurrentInsert;
    } while (cursor);

    // Keys created while paging are newer than any cursor: at most the first page can show one of them.
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => original.includes(id))).toEqual([...original].reverse());
    expect(seen.length - 45).toBeLessThanOrEqual(1);
  });

  it('validates limit and cursor strictly', async () => {
    const account = await signUp(app);
    for (const limit of ['0', '101', 'abc', '-1', '1.5']) {
      const response = await as(app, account.accessToken, {
        method: 'GET',
        url: `/v1/api-keys?limit=${limit}`,
      });
      expect(expectProblem(response, 400, 'validation_failed').errors[0].path).toBe('/query/limit');
    }
    const auditCursor = Buffer.from(
      JSON.stringify(['audit-log', '2026-01-01T00:00:00Z', randomUUID()]),
    ).toString('base64url');
    const badCursors = [
      'garbage',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from(JSON.stringify(['api-keys', 'yesterday', randomUUID()])).toString('base64url'),
      Buffer.from(JSON.stringify(['api-keys', '2026-01-01T00:00:00Z', 'not-a-uuid'])).toString('base64url'),
      auditCursor,
    ];
    for (const cursor of badCursors) {
      const response = await as(app, account.accessToken, {
        method: 'GET',
        url: `/v1/api-keys?cursor=${cursor}`,
      });
      expectProblem(response, 400, 'invalid_cursor');
    }
    const withSymbols = await as(app, account.accessToken, {
      method: 'GET',
      url: '/v1/api-keys?cursor=%27%3B--',
    });
    expectProblem(withSymbols, 400, 'validation_failed');
  });

  it('replays an idempotent create and refuses the key with another request', async () => {
    const account = await signUp(app);
    const headers = { 'idempotency-key': `create-${randomUUID()}` };
    const first = await createKey(account.accessToken, ['me:read'], headers);
    const replay = await createKey(account.accessToken, ['me:read'], headers);
    expect(first.statusCode).toBe(201);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    const mismatch = await createKey(account.accessToken, ['me:write'], headers);
    expectProblem(mismatch, 422, 'idempotency_key_mismatch');
    const list = await as(app, account.accessToken, { method: 'GET', url: '/v1/api-keys' });
    expect(list.json().data).toHaveLength(1);
    // Keys are per account: another account's identical key is a fresh request.
    const other = await signUp(app);
    const otherFirst = await createKey(other.accessToken, ['me:read'], headers);
    expect(otherFirst.headers['idempotent-replayed']).toBeUndefined();
  });

  it('gives 50 concurrent requests with one Idempotency-Key exactly one effect', async () => {
    const account = await signUp(app);
    const headers = { 'idempotency-key': randomUUID() };
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => createKey(account.accessToken, ['me:read'], headers)),
    );
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    for (const response of responses.filter((r) => r.statusCode === 409)) {
      expectProblem(response, 409, 'idempotency_in_progress');
    }
    const created = new Set(responses.filter((r) => r.statusCode === 201).map((r) => r.json().id));
    expect(created.size).toBe(1);
    const list = await as(app, account.accessToken, { method: 'GET', url: '/v1/api-keys' });
    expect(list.json().data).toHaveLength(1);
  });

  it('refuses a malformed Idempotency-Key', async () => {
    const account = await signUp(app);
    const response = await createKey(account.accessToken, ['me:read'], {
      'idempotency-key': 'x'.repeat(256),
    });
    expect(expectProblem(response, 400, 'validation_failed').errors[0].path).toBe('/header/idempotency-key');
    expect(bearer('t')).toEqual({ authorization: 'Bearer t' });
  });
});
