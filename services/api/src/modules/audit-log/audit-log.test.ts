import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { type Account, as, signUp, testApp } from '../../../test/harness.ts';
import { auditChanges } from '../../kernel/audit.ts';
import { bindAccount } from '../../kernel/tenancy.ts';
import { createCharacter, uploadImage } from '../studio/testing.ts';

const { app, pool } = await testApp();
const proxied = await testApp({ TRUST_PROXY: '127.0.0.1' });

interface Entry {
  action: string;
  resourceId: string | null;
  ip: string | null;
  userAgent: string | null;
  changes: Record<string, { before: unknown; after: unknown }> | null;
}

async function auditLog(account: Account, target = app): Promise<Entry[]> {
  const response = await as(target, account.accessToken, { method: 'GET', url: '/v1/audit-log?limit=100' });
  expect(response.statusCode).toBe(200);
  return response.json().data;
}

describe('audit log', () => {
  it('writes exactly one row per successful mutating request, and none for reads or failures', async () => {
    const account = await signUp(app);
    await as(app, account.accessToken, { method: 'GET', url: '/v1/me' });
    await as(app, account.accessToken, { method: 'PATCH', url: '/v1/me', payload: { name: 'Ada' } });
    await as(app, account.accessToken, { method: 'PATCH', url: '/v1/me', payload: { name: 7 } });
    const key = await as(app, account.accessToken, {
      method: 'POST',
      url: '/v1/api-keys',
      payload: { name: 'k', scopes: ['me:write'] },
      headers: { 'x-request-id': 'audit-test-request' },
    });
    await as(app, key.json().secret, { method: 'PATCH', url: '/v1/me', payload: { name: 'Key' } });

    const log = await as(app, account.accessToken, { method: 'GET', url: '/v1/audit-log' });
    expect(log.statusCode).toBe(200);
    const entries = log.json().data;
    expect(entries.map((entry: { action: string }) => entry.action)).toEqual([
      'me.update',
      'apiKeys.create',
      'me.update',
      'auth.signup',
    ]);
    expect(entries[0].actor).toEqual({ type: 'api_key', id: key.json().id });
    expect(entries[1]).toMatchObject({
      actor: { type: 'account', id: account.id },
      resource: 'api-keys',
      resourceId: key.json().id,
      requestId: 'audit-test-request',
      ip: '127.0.0.1',
    });
    expect(entries[3]).toMatchObject({ resource: 'auth', actor: { type: 'account', id: account.id } });

    const other = await signUp(app);
    const otherLog = await as(app, other.accessToken, { method: 'GET', url: '/v1/audit-log' });
    expect(otherLog.json().data.map((entry: { action: string }) => entry.action)).toEqual(['auth.signup']);
  });

  it("is append-only for the service's database role", async () => {
    const account = await signUp(app);
    await expect(
      pool.transaction(async (tx) => {
        await bindAccount(tx, account.id);
        await tx.query(
          sql.unsafe`UPDATE platform.audit_log SET action = 'forged' WHERE account_id = ${account.id}`,
        );
      }),
    ).rejects.toThrow(/permission denied/);
    await expect(
      pool.transaction(async (tx) => {
        await bindAccount(tx, account.id);
        await tx.query(sql.unsafe`DELETE FROM platform.audit_log WHERE account_id = ${account.id}`);
      }),
    ).rejects.toThrow(/permission denied/);
  });
});

describe('audit changes', () => {
  it('records the fields a request changed, before and after, with the user agent and IP', async () => {
    const account = await signUp(app);
    const headers = { 'user-agent': 'audit-test/1.0' };
    await as(app, account.accessToken, { method: 'PATCH', url: '/v1/me', payload: { name: 'Ada' }, headers });
    await as(app, account.accessToken, {
      method: 'PATCH',
      url: '/v1/me',
      payload: { name: 'Ada L.' },
      headers,
    });
    const handle = `a_${account.id.slice(0, 8)}`;
    const profile = await as(app, account.accessToken, {
      method: 'PATCH',
      url: '/v1/me/profile',
      payload: { handle, displayName: 'Ada', visibility: 'public' },
    });
    expect(profile.statusCode).toBe(200);
    await as(app, account.accessToken, {
      method: 'PATCH',
      url: '/v1/me/profile',
      payload: { bio: 'Engines.' },
    });

    const [bio, published, renamed, named] = await auditLog(account);
    expect(named).toMatchObject({
      action: 'me.update',
      resourceId: account.id,
      ip: '127.0.0.1',
      userAgent: 'audit-test/1.0',
      changes: { name: { before: null, after: 'Ada' } },
    });
    expect(renamed?.changes).toEqual({ name: { before: 'Ada', after: 'Ada L.' } });
    // Only what the request set: the fields it left alone, and updatedAt, are not listed.
    expect(published).toMatchObject({ action: 'me.profile.update', userAgent: 'lightMyRequest' });
    expect(published?.changes).toEqual({
      handle: { before: null, after: handle },
      displayName: { before: null, after: 'Ada' },
      visibility: { before: 'private', after: 'public' },
    });
    expect(bio?.changes).toEqual({ bio: { before: null, after: 'Engines.' } });
  });

  it('never records an API key secret, and records a revocation', async () => {
    const account = await signUp(app);
    const created = await as(app, account.accessToken, {
      method: 'POST',
      url: '/v1/api-keys',
      payload: { name: 'CI', scopes: ['me:read'] },
    });
    const key = created.json();
    const revoked = await as(app, account.accessToken, { method: 'DELETE', url: `/v1/api-keys/${key.id}` });
    expect(revoked.statusCode).toBe(204);

    const [revocation, creation] = await auditLog(account);
    expect(creation?.action).toBe('apiKeys.create');
    expect(creation?.changes).toMatchObject({
      name: { before: null, after: 'CI' },
      prefix: { before: null, after: key.prefix },
      scopes: { before: null, after: ['me:read'] },
    });
    expect(creation?.changes).not.toHaveProperty('secret');
    const stored = await pool.transaction(async (tx) => {
      await bindAccount(tx, account.id);
      return tx.anyFirst(
        sql.unsafe`SELECT changes::text FROM platform.audit_log WHERE account_id = ${account.id}`,
      );
    });
    expect(stored.join('\n')).not.toContain(key.secret);
    expect(revocation).toMatchObject({ action: 'apiKeys.delete', resourceId: key.id });
    expect(revocation?.changes?.['revokedAt']?.before).toBeNull();
    expect(Date.parse(String(revocation?.changes?.['revokedAt']?.after))).not.toBeNaN();
  });

  it('records a studio character rename', async () => {
    const account = await signUp(app);
    const baseImageFileId = await uploadImage(app, account);
    const character = (await createCharacter(app, account, { name: 'Yua', baseImageFileId })).json();
    await as(app, account.accessToken, {
      method: 'PATCH',
      url: `/v1/studio/characters/${character.id}`,
      payload: { name: 'Yua 2' },
    });
    const [rename] = await auditLog(account);
    expect(rename).toMatchObject({
      action: 'studio.characters.update',
      resourceId: character.id,
      changes: { name: { before: 'Yua', after: 'Yua 2' } },
    });
  });

  it('takes the IP a trusted proxy forwarded, and only then', async () => {
    const direct = await signUp(app);
    const forwarded = { 'x-forwarded-for': '203.0.113.7' };
    await as(app, direct.accessToken, {
      method: 'PATCH',
      url: '/v1/me',
      payload: { name: 'x' },
      headers: forwarded,
    });
    expect((await auditLog(direct))[0]?.ip).toBe('127.0.0.1');

    const behindProxy = await signUp(proxied.app);
    await as(proxied.app, behindProxy.accessToken, {
      method: 'PATCH',
      url: '/v1/me',
      payload: { name: 'x' },
      headers: forwarded,
    });
    expect((await auditLog(behindProxy, proxied.app))[0]?.ip).toBe('203.0.113.7');
  });

  it('keeps the first 512 characters of a long user agent, and null for none', async () => {
    const account = await signUp(app);
    await as(app, account.accessToken, {
      method: 'PATCH',
      url: '/v1/me',
      payload: { name: 'x' },
      headers: { 'user-agent': 'u'.repeat(5000) },
    });
    await app.inject({
      method: 'PATCH',
      url: '/v1/me',
      payload: { name: 'y' },
      headers: { authorization: `Bearer ${account.accessToken}`, 'user-agent': '' },
    });
    const [none, long] = await auditLog(account);
    expect(long?.userAgent).toBe('u'.repeat(512));
    expect(none?.userAgent).toBeNull();
  });
});

describe('auditChanges', () => {
  it('lists differing fields only, deeply compared, and leaves secrets and updatedAt out', () => {
    expect(
      auditChanges(
        { name: 'a', links: [{ url: 'https://a' }], passwordHash: 'x', updatedAt: '1', same: { k: 1 } },
        {
          name: 'b',
          links: [{ url: 'https://b' }],
          passwordHash: 'y',
          updatedAt: '2',
          same: { k: 1 },
          token: 't',
        },
      ),
    ).toEqual({
      name: { before: 'a', after: 'b' },
      links: { before: [{ url: 'https://a' }], after: [{ url: 'https://b' }] },
    });
    expect(auditChanges({ a: 1 }, { a: 1 })).toBeNull();
    expect(auditChanges({ a: 1, apiSecret: 's' }, null)).toEqual({ a: { before: 1, after: null } });
  });
});
