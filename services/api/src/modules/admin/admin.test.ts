import { randomUUID } from 'node:crypto';
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { type Account, as, expectProblem, signUp, testApp } from '../../../test/harness.ts';
import { superuserPool } from '../../../test/superuser.ts';
import { quotaTestRoutes, SPEND_URL } from '../../kernel/metering/testing.ts';

const { app, databaseUrl } = await testApp({}, { routes: quotaTestRoutes });
const superuser = await superuserPool(databaseUrl);

async function signUpAdmin(): Promise<Account> {
  const account = await signUp(app);
  await superuser.query(sql.unsafe`UPDATE platform.accounts SET role = 'admin' WHERE id = ${account.id}`);
  return account;
}

function setPlan(token: string, accountId: string, product: string, plan: unknown) {
  return as(app, token, {
    method: 'PUT',
    url: `/v1/admin/accounts/${accountId}/subscriptions/${product}`,
    payload: { plan },
  });
}

async function createKey(token: string, scopes: string[]) {
  const response = await as(app, token, {
    method: 'POST',
    url: '/v1/api-keys',
    payload: { name: 'k', scopes },
  });
  return response.json().secret as string;
}

describe('PUT /v1/admin/accounts/{accountId}/subscriptions/{product}', () => {
  it("lets an admin change another account's plan, which applies to its very next spend", async () => {
    const admin = await signUpAdmin();
    const customer = await signUp(app);
    const spendCredits = (amount: number) =>
      app.inject({
        method: 'POST',
        url: SPEND_URL,
        payload: { accountId: customer.id, product: 'studio', metric: 'credits', amount },
      });
    expectProblem(await spendCredits(6), 402, 'quota_exceeded');

    const response = await setPlan(admin.accessToken, customer.id, 'studio', 'basic');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      accountId: customer.id,
      product: 'studio',
      plan: 'basic',
      status: 'active',
      stripeSubscriptionId: null,
    });
    expect((await spendCredits(6)).json()).toMatchObject({ limit: 20, used: 6 });
    // Setting it again is a plain update.
    expect((await setPlan(admin.accessToken, customer.id, 'studio', 'pro')).json()).toMatchObject({
      plan: 'pro',
    });

    // The audit row is the admin's, naming the account acted on.
    const log = await as(app, admin.accessToken, { method: 'GET', url: '/v1/audit-log' });
    expect(log.json().data[0]).toMatchObject({
      action: 'admin.subscriptions.update',
      resource: 'admin',
      resourceId: customer.id,
      actor: { type: 'account', id: admin.id },
      changes: { plan: { before: 'basic', after: 'pro' } },
    });
    const customerLog = await as(app, customer.accessToken, { method: 'GET', url: '/v1/audit-log' });
    expect(customerLog.json().data.map((entry: { action: string }) => entry.action)).toEqual(['auth.signup']);
  });

  it('refuses members with 403 whatever the account id, and changes nothing', async () => {
    const member = await signUp(app);
    const other = await signUp(app);
    const attempts = [
      await setPlan(member.accessToken, member.id, 'studio', 'pro'),
      await setPlan(member.accessToken, other.id, 'studio', 'pro'),
      await setPlan(member.accessToken, randomUUID(), 'studio', 'pro'),
      await setPlan(await createKey(member.accessToken, ['admin:write']), member.id, 'studio', 'pro'),
    ];
    const problems = attempts.map((response) => expectProblem(response, 403, 'forbidden'));
    for (const problem of problems) expect(problem.detail).toBe('This operation needs the admin role.');
    const rows = await superuser.oneFirst(sql.unsafe`
      SELECT count(*) FROM platform.subscriptions WHERE account_id IN (${member.id}, ${other.id})
    `);
    expect(rows).toBe(0);
  });

  it("takes an admin's API key only with the admin:write scope", async () => {
    const admin = await signUpAdmin();
    const customer = await signUp(app);
    const readOnly = await createKey(admin.accessToken, ['usage:read']);
    expect(
      expectProblem(await setPlan(readOnly, customer.id, 'speak', 'standard'), 403, 'forbidden').detail,
    ).toContain('admin:write');
    const writer = await createKey(admin.accessToken, ['admin:write']);
    expect((await setPlan(writer, customer.id, 'speak', 'standard')).json()).toMatchObject({
      plan: 'standard',
    });
    const usage = await as(app, customer.accessToken, { method: 'GET', url: '/v1/usage' });
    expect(usage.json().data.find((item: { product: string }) => item.product === 'speak')).toMatchObject({
      plan: 'standard',
      limit: 54000,
    });
  });

  it('answers 404 for a missing account and 400 for an unknown product or plan', async () => {
    const admin = await signUpAdmin();
    const customer = await signUp(app);
    expectProblem(await setPlan(admin.accessToken, randomUUID(), 'studio', 'pro'), 404, 'not_found');
    const badPlan = expectProblem(
      await setPlan(admin.accessToken, customer.id, 'stickers', 'basic'),
      400,
      'validation_failed',
    );
    expect(badPlan.errors).toEqual([{ path: '/body/plan', message: 'is not a plan of stickers' }]);
    const badProduct = expectProblem(
      await setPlan(admin.accessToken, customer.id, 'laundry', 'pro'),
      400,
      'validation_failed',
    );
    expect(badProduct.errors[0].path).toBe('/path/product');
    expectProblem(await setPlan(admin.accessToken, 'not-a-uuid', 'studio', 'pro'), 400, 'validation_failed');
    expectProblem(await setPlan(admin.accessToken, customer.id, 'studio', 7), 400, 'validation_failed');
    const extra = await as(app, admin.accessToken, {
      method: 'PUT',
      url: `/v1/admin/accounts/${customer.id}/subscriptions/studio`,
      payload: { plan: 'pro', status: 'active' },
    });
    expect(expectProblem(extra, 400, 'validation_failed').errors[0].path).toBe('/body/status');
    const rows = await superuser.oneFirst(
      sql.unsafe`SELECT count(*) FROM platform.subscriptions WHERE account_id = ${customer.id}`,
    );
    expect(rows).toBe(0);
  });

  it('sets one plugin’s plan with a subject, and refuses a subject where the product has no plugins', async () => {
    const admin = await signUpAdmin();
    const customer = await signUp(app);
    const url = (product: string) => `/v1/admin/accounts/${customer.id}/subscriptions/${product}`;
    const plugin = await as(app, admin.accessToken, {
      method: 'PUT',
      url: url('miyabi'),
      payload: { plan: 'pro', subject: 'issue-triage' },
    });
    expect(plugin.json()).toMatchObject({ product: 'miyabi', subject: 'issue-triage', plan: 'pro' });
    const spend = (subject: string) =>
      app.inject({
        method: 'POST',
        url: SPEND_URL,
        payload: { accountId: customer.id, product: 'miyabi', metric: 'issues', amount: 1, subject },
      });
    expect((await spend('issue-triage')).json()).toMatchObject({ limit: 1000 });
    expect((await spend('another-plugin')).json()).toMatchObject({ limit: 100 });
    const refused = await as(app, admin.accessToken, {
      method: 'PUT',
      url: url('studio'),
      payload: { plan: 'pro', subject: 'issue-triage' },
    });
    expect(expectProblem(refused, 400, 'validation_failed').errors[0].path).toBe('/body/subject');
  });
});
