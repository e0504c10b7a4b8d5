/**
 * `GET /v1/api-keys` reads in one statement (`app.readOperation`, migrations/0070): it answers
 * like the stages in a transaction (401, 403, 400 in that order), binds nothing beyond its own
 * statement, and shows only the caller's keys.
 */
import { type Interceptor, sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../../test/harness.ts';

const statements: string[] = [];
const counting: Interceptor = {
  name: 'count-statements',
  beforeQueryExecution: (_context, query) => {
    statements.push(query.sql);
    return null;
  },
};
const { app, pool } = await testApp({ AUTH_FAILURES_PER_MINUTE: '1000' }, { interceptors: [counting] });

async function apiKey(token: string, scopes: string[]): Promise<{ id: string; secret: string }> {
  const created = await as(app, token, {
    method: 'POST',
    url: '/v1/api-keys',
    payload: { name: 'k', scopes },
  });
  expect(created.statusCode).toBe(201);
  return created.json();
}

describe('GET /v1/api-keys in one statement', () => {
  it('sends one statement per request: credential, scope, binding and page together', async () => {
    const account = await signUp(app);
    const key = await apiKey(account.accessToken, ['api-keys:read']);
    // The first use marks the key (after the read, in a statement of its own); the next is within the minute.
    await as(app, key.secret, { url: '/v1/api-keys' });
    statements.length = 0;
    const list = await as(app, key.secret, { url: '/v1/api-keys' });
    expect(list.statusCode).toBe(200);
    expect(list.json().data.map((row: { id: string }) => row.id)).toEqual([key.id]);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toContain('platform.list_api_keys_as(');
  });

  it('leaves no account bound on the pooled connections after it', async () => {
    const account = await signUp(app);
    const key = await apiKey(account.accessToken, ['api-keys:read']);
    await Promise.all(Array.from({ length: 10 }, () => as(app, key.secret, { url: '/v1/api-keys' })));
    const bindings = await Promise.all(
      Array.from({ length: 10 }, () =>
        pool.oneFirst(sql.unsafe`SELECT coalesce(current_setting('app.account_id', true), '') AS bound`),
      ),
    );
    expect(new Set(bindings)).toEqual(new Set(['']));
    // And a statement on those connections sees no account's keys.
    expect(await pool.oneFirst(sql.unsafe`SELECT count(*) FROM platform.api_keys`)).toBe(0);
  });

  it("shows only the caller's keys, by API key and by access token", async () => {
    const [owner, other] = [await signUp(app), await signUp(app)];
    const ownKey = await apiKey(owner.accessToken, ['api-keys:read']);
    const otherKey = await apiKey(other.accessToken, ['api-keys:read']);
    for (const [credential, id] of [
      [ownKey.secret, ownKey.id],
      [owner.accessToken, ownKey.id],
      [otherKey.secret, otherKey.id],
    ] as const) {
      const list = await as(app, credential, { url: '/v1/api-keys' });
      expect(list.json().data.map((row: { id: string }) => row.id)).toEqual([id]);
    }
  });

  it('answers an unknown key 401, a key without the scope 403, and a bad cursor 400 only after both', async () => {
    const account = await signUp(app);
    const unscoped = await apiKey(account.accessToken, ['me:read']);
    const unknown = `yz_${'C'.repeat(43)}`;
    expectProblem(await as(app, unknown, { url: '/v1/api-keys' }), 401, 'unauthenticated');
    const forbidden = await as(app, unscoped.secret, { url: '/v1/api-keys' });
    expect(expectProblem(forbidden, 403, 'forbidden').detail).toContain('api-keys:read');
    const badCursor = '/v1/api-keys?cursor=not-a-cursor';
    expectProblem(await as(app, unknown, { url: badCursor }), 401, 'unauthenticated');
    expectProblem(await as(app, unscoped.secret, { url: badCursor }), 403, 'forbidden');
    expectProblem(await as(app, account.accessToken, { url: badCursor }), 400, 'invalid_cursor');
  });

  it('marks a key used even when its read is refused for the scope', async () => {
    const account = await signUp(app);
    const unscoped = await apiKey(account.accessToken, ['me:read']);
    await as(app, unscoped.secret, { url: '/v1/api-keys' });
    const list = await as(app, account.accessToken, { url: '/v1/api-keys' });
    expect(list.json().data[0].lastUsedAt).toEqual(expect.any(String));
  });

  it('pages with a cursor like any list', async () => {
    const account = await signUp(app);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.unshift((await apiKey(account.accessToken, ['me:read'])).id);
    const first = await as(app, account.accessToken, { url: '/v1/api-keys?limit=2' });
    expect(first.json().data.map((row: { id: string }) => row.id)).toEqual(ids.slice(0, 2));
    const cursor = first.json().nextCursor;
    const second = await as(app, account.accessToken, { url: `/v1/api-keys?limit=2&cursor=${cursor}` });
    expect(second.json()).toEqual({ data: [expect.objectContaining({ id: ids[2] })], nextCursor: null });
  });
});
