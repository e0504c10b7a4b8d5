import { randomUUID } from 'node:crypto';
import { SCOPES } from '@yorozu/contract';
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../test/harness.ts';
import { superuserPool } from '../../test/superuser.ts';

const JWT_SECRET = 'idempotency test secret, at least 32 characters';
const { app, databaseUrl } = await testApp({ JWT_SECRET });
const superuser = await superuserPool(databaseUrl);

function createKey(token: string, idempotencyKey: string, scopes: readonly string[], target = app) {
  return as(target, token, {
    method: 'POST',
    url: '/v1/api-keys',
    payload: { name: 'idempotency test', scopes },
    headers: { 'idempotency-key': idempotencyKey },
  });
}

async function liveKeyCount(accountId: string): Promise<number> {
  return Number(
    await superuser.oneFirst(sql.unsafe`
      SELECT count(*) FROM platform.api_keys WHERE account_id = ${accountId} AND revoked_at IS NULL
    `),
  );
}

describe('Idempotency-Key replays', () => {
  it("never replay a stronger credential's response to a weaker key of the same account", async () => {
    const owner = await signUp(app);
    const idempotencyKey = randomUUID();
    const original = await createKey(owner.accessToken, idempotencyKey, SCOPES);
    expect(original.statusCode).toBe(201);
    const weak = (await createKey(owner.accessToken, randomUUID(), ['api-keys:write'])).json();

    // Same key, same body, a credential holding only `api-keys:write`: authorised like a fresh
    // request, which may not mint scopes it lacks, and never handed the stored secret.
    const attempt = await createKey(weak.secret, idempotencyKey, SCOPES);
    expectProblem(attempt, 403, 'forbidden');
    expect(attempt.headers['idempotent-replayed']).toBeUndefined();
    expect(attempt.body).not.toContain(original.json().secret);
    expect(await liveKeyCount(owner.id)).toBe(2);

    // The credential that made the request still gets its replay.
    const replay = await createKey(owner.accessToken, idempotencyKey, SCOPES);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(original.json());
  });

  it('keeps one record per credential: two keys of one account using the same Idempotency-Key each get their own effect', async () => {
    const owner = await signUp(app);
    const a = (await createKey(owner.accessToken, randomUUID(), ['api-keys:write', 'me:read'])).json();
    const b = (await createKey(owner.accessToken, randomUUID(), ['api-keys:write', 'me:read'])).json();
    const idempotencyKey = randomUUID();
    const fromA = await createKey(a.secret, idempotencyKey, ['me:read']);
    const fromB = await createKey(b.secret, idempotencyKey, ['me:read']);
    expect([fromA.statusCode, fromB.statusCode]).toEqual([201, 201]);
    expect(fromB.headers['idempotent-replayed']).toBeUndefined();
    expect(fromB.json().id).not.toBe(fromA.json().id);
    const replayA = await createKey(a.secret, idempotencyKey, ['me:read']);
    expect(replayA.json()).toEqual(fromA.json());
  });

  it('stores no secret in clear: the idempotency table never holds an API key secret', async () => {
    const owner = await signUp(app);
    const created = await createKey(owner.accessToken, randomUUID(), ['me:read']);
    const { secret } = created.json();
    const rows = await superuser.manyFirst(sql.unsafe`
      SELECT to_jsonb(k)::text FROM platform.idempotency_keys k WHERE account_id = ${owner.id}
    `);
    expect(rows).toHaveLength(1);
    for (const row of rows) {
      expect(row).not.toContain(secret);
      expect(row).not.toContain(Buffer.from(secret).toString('hex'));
      expect(row).not.toContain(secret.slice(3, 20));
    }
  });

  it('refuses to run a request again when its stored response was sealed under another server secret', async () => {
    const owner = await signUp(app);
    const idempotencyKey = randomUUID();
    expect((await createKey(owner.accessToken, idempotencyKey, ['me:read'])).statusCode).toBe(201);
    const rotated = await testApp({ JWT_SECRET: 'another server secret of at least 32 characters' });
    const token = await rotated.app.accessTokens.issue(owner.id);
    expectProblem(await createKey(token, idempotencyKey, ['me:read'], rotated.app), 409, 'conflict');
    expect(await liveKeyCount(owner.id)).toBe(1);
  });
});
