import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { as, signUp, testApp } from '../../../test/harness.ts';
import { bindAccount } from '../../kernel/tenancy.ts';

const { app, pool } = await testApp();

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
