import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { LicenseError, verifyLicense } from '../../../../../../packages/sdk/src/license.ts';
import { as, expectProblem, ownDatabase, signUp, testApp } from '../../../../test/harness.ts';
import { superuserPool } from '../../../../test/superuser.ts';
import { fakeStripeCheckout } from '../../billing/testing.ts';
import { LICENSE_TEST_JWT_SECRET, makeAdmin, publish, publishBaseAndAddon } from './testing.ts';

const stripe = await fakeStripeCheckout('cs_test_1');
const { checkouts } = stripe;
afterAll(stripe.close);

// One JWT secret for both apps, so an access token of one is good at the other, on a database of
// this file's own: the day's licence signing key is sealed under the secret of the first app to
// sign with it, and another file's app (another secret) could not open it.
const JWT_SECRET = LICENSE_TEST_JWT_SECRET;
const licenceDatabase = await ownDatabase();
const { app, databaseUrl } = await testApp(
  { JWT_SECRET, STRIPE_SECRET_KEY: 'sk_test_0123456789abcdef', STRIPE_API_URL: stripe.url },
  { databaseUrl: licenceDatabase },
);
const withoutStripe = await testApp({ JWT_SECRET }, { databaseUrl: licenceDatabase });
const superuser = await superuserPool(databaseUrl);

const subscribeTo = (token: string, plugin: string, payload: Record<string, unknown> = {}) =>
  as(app, token, { method: 'POST', url: `/v1/miyabi/plugins/${plugin}/subscription`, payload });
const jwks = async () => {
  const response = await app.inject({ method: 'GET', url: '/v1/miyabi/.well-known/jwks.json' });
  expect(response.statusCode).toBe(200);
  expect(response.headers['cache-control']).toBe('public, max-age=300');
  return response.json();
};

describe('miyabi subscriptions, reviews and licences', () => {
  it('subscribes free, trial and add-on plugins; licences verify offline; reviews move the rating', async () => {
    const [ann, ben] = [await signUp(app), await signUp(app)];
    const { base, addon } = await publishBaseAndAddon(app, 'monthly');

    // An add-on without its base: 409 with its own code; nothing is created.
    expectProblem(await subscribeTo(ann.accessToken, addon), 409, 'base_plugin_required');
    // A review needs a subscription.
    const put = (token: string, plugin: string, rating: number) =>
      as(app, token, {
        method: 'PUT',
        url: `/v1/miyabi/plugins/${plugin}/review`,
        payload: { rating, body: 'ok' },
      });
    expectProblem(await put(ann.accessToken, base, 5), 403, 'forbidden');

    const trial = await subscribeTo(ann.accessToken, base);
    expect(trial.statusCode).toBe(201);
    const { subscription, license } = trial.json();
    expect(subscription).toMatchObject({
      product: 'miyabi',
      subject: base,
      plan: 'pro',
      status: 'trialing',
      cancelAtPeriodEnd: true,
    });
    expect(Date.parse(subscription.trialEnd) - Date.parse(subscription.currentPeriodStart)).toBe(
      14 * 86_400_000,
    );
    expectProblem(await subscribeTo(ann.accessToken, base), 409, 'conflict');
    // Cancel-at-period-end: no grace after the trial's end.
    expect(license.expiresAt).toBe(
      new Date(Math.floor(Date.parse(subscription.trialEnd) / 1000) * 1000).toISOString(),
    );

    const keys = await jwks();
    const claims = await verifyLicense(license.token, { jwks: keys, plugin: base });
    expect(claims).toMatchObject({
      sub: ann.id,
      plugin: base,
      tier: 'pro',
      plan: 'pro',
      subscription: subscription.id,
      jti: license.id,
    });
    expect(claims.limits).toEqual({ issues: 1000, tokens: 1000000, 'agent-runs': 1000 });
    const publicKey = keys.keys.find((k: { kid: string }) => k.kid === license.keyId);
    expect((await verifyLicense(license.token, { publicKey, plugin: base })).jti).toBe(license.id);

    // Tampered, expired, another plugin's.
    const [header, payload, signature] = license.token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, plan: 'enterprise' })).toString('base64url');
    await expect(
      verifyLicense(`${header}.${forged}.${signature}`, { jwks: keys, plugin: base }),
    ).rejects.toMatchObject({ code: 'invalid' });
    await expect(
      verifyLicense(`${header}.${payload}.${signature.slice(0, -4)}AAAA`, { jwks: keys, plugin: base }),
    ).rejects.toBeInstanceOf(LicenseError);
    await expect(
      verifyLicense(license.token, {
        jwks: keys,
        plugin: base,
        currentDate: new Date(Date.parse(license.expiresAt) + 3_600_000),
      }),
    ).rejects.toMatchObject({ code: 'expired' });
    await expect(verifyLicense(license.token, { jwks: keys, plugin: addon })).rejects.toMatchObject({
      code: 'wrong_plugin',
    });

    // With the base, the add-on starts (it has no trial and a price: bought through checkout).
    const bought = await subscribeTo(ann.accessToken, addon, { successUrl: 'https://example.com/done' });
    expect(bought.statusCode).toBe(202);
    expect(bought.json()).toMatchObject({ subscription: null, license: null, checkout: { id: 'cs_test_1' } });
    const form = checkouts.at(-1);
    expect(form?.get('mode')).toBe('subscription');
    expect(form?.get('line_items[0][price_data][unit_amount]')).toBe('300');
    expect(form?.get('line_items[0][price_data][recurring][interval]')).toBe('month');
    expect(form?.get('subscription_data[metadata][subject]')).toBe(addon);
    expect(form?.get('subscription_data[metadata][plan]')).toBe('addon');
    expect(form?.get('subscription_data[metadata][accountId]')).toBe(ann.id);
    expectProblem(await subscribeTo(ann.accessToken, addon), 400, 'validation_failed');
    expectProblem(
      await as(withoutStripe.app, ann.accessToken, {
        method: 'POST',
        url: `/v1/miyabi/plugins/${addon}/subscription`,
        payload: { successUrl: 'https://example.com/done' },
      }),
      503,
      'unavailable',
    );

    // Reviews: the rating is the mean, kept by the trigger; one review per account.
    expect((await put(ann.accessToken, base, 4)).statusCode).toBe(200);
    expect((await subscribeTo(ben.accessToken, base)).statusCode).toBe(201);
    expect((await put(ben.accessToken, base, 5)).statusCode).toBe(200);
    const rated = async () => (await app.inject({ method: 'GET', url: `/v1/miyabi/plugins/${base}` })).json();
    expect(await rated()).toMatchObject({ rating: 4.5, ratingCount: 2, downloads: 2 });
    expect((await put(ann.accessToken, base, 1)).statusCode).toBe(200);
    expect(await rated()).toMatchObject({ rating: 3, ratingCount: 2 });
    const reviews = await app.inject({ method: 'GET', url: `/v1/miyabi/plugins/${base}/reviews` });
    expect(
      reviews
        .json()
        .data.map((r: { rating: number }) => r.rating)
        .sort(),
    ).toEqual([1, 5]);
    expect(
      (await as(app, ann.accessToken, { method: 'DELETE', url: `/v1/miyabi/plugins/${base}/review` }))
        .statusCode,
    ).toBe(204);
    expect(await rated()).toMatchObject({ rating: 5, ratingCount: 1 });
  });

  it('rotates keys without invalidating licences, and publishes revocations', async () => {
    const holder = await signUp(app);
    const admin = await signUp(app);
    await makeAdmin(superuser, admin.id);
    const free = await subscribeTo(holder.accessToken, 'miyabi-core');
    expect(free.statusCode).toBe(201);
    const old = free.json().license;
    expect(free.json().subscription).toMatchObject({ status: 'active', currentPeriodEnd: null });

    expectProblem(
      await as(app, holder.accessToken, { method: 'POST', url: '/v1/miyabi/license-keys' }),
      403,
      'forbidden',
    );
    const rotated = await as(app, admin.accessToken, { method: 'POST', url: '/v1/miyabi/license-keys' });
    expect(rotated.statusCode).toBe(201);
    const fresh = await as(app, holder.accessToken, {
      method: 'POST',
      url: '/v1/miyabi/plugins/miyabi-core/license',
    });
    expect(fresh.statusCode).toBe(201);
    expect(fresh.json().keyId).toBe(rotated.json().kid);
    expect(fresh.json().keyId).not.toBe(old.keyId);
    const keys = await jwks();
    const kids = keys.keys.map((k: { kid: string }) => k.kid);
    expect(kids).toEqual(expect.arrayContaining([old.keyId, fresh.json().keyId]));
    // Both verify with the one key set: the old key is retired from signing, not from verifying.
    await verifyLicense(old.token, { jwks: keys, plugin: 'miyabi-core' });
    await verifyLicense(fresh.json().token, { jwks: keys, plugin: 'miyabi-core' });

    // Revoking one licence lists it publicly; ending the subscription lists the others.
    const revoked = await as(app, holder.accessToken, {
      method: 'POST',
      url: `/v1/miyabi/licenses/${old.id}/revoke`,
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    const other = await signUp(app);
    expectProblem(
      await as(app, other.accessToken, { method: 'POST', url: `/v1/miyabi/licenses/${old.id}/revoke` }),
      404,
      'not_found',
    );
    const subscriptionId = free.json().subscription.id;
    const canceled = await as(app, holder.accessToken, {
      method: 'POST',
      url: `/v1/subscriptions/${subscriptionId}/cancel`,
    });
    expect(canceled.json().status).toBe('canceled');
    const list = await app.inject({
      method: 'GET',
      url: '/v1/miyabi/license-revocations?plugin=miyabi-core&limit=100',
    });
    const byId = new Map(
      list.json().data.map((r: { licenseId: string; reason: string }) => [r.licenseId, r.reason]),
    );
    expect(byId.get(old.id)).toBe('revoked_by_owner');
    expect(byId.get(fresh.json().id)).toBe('subscription_ended');
    // No new licence for an ended subscription.
    expectProblem(
      await as(app, holder.accessToken, { method: 'POST', url: '/v1/miyabi/plugins/miyabi-core/license' }),
      409,
      'conflict',
    );
    const mine = await as(app, holder.accessToken, {
      method: 'GET',
      url: '/v1/miyabi/licenses?plugin=miyabi-core',
    });
    expect(mine.json().data).toHaveLength(2);
  });
});

describe('miyabi usage metering', () => {
  const event = (fields: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    pluginId: 'miyabi-docs-writer',
    type: 'issue_processed',
    ...fields,
  });
  const send = (token: string, events: unknown[], headers: Record<string, string> = {}) =>
    as(app, token, { method: 'POST', url: '/v1/miyabi/usage-events', payload: { events }, headers });

  it('counts each event once, exactly under 20 concurrent batches, and refuses a batch past the quota', async () => {
    const account = await signUp(app);
    const batches = Array.from({ length: 20 }, () => [
      event(),
      event({ type: 'tokens_used', quantity: 250 }),
      event({ type: 'agent_execution', agentType: 'CodeGen' }),
    ]);
    const answers = await Promise.all(batches.map((batch) => send(account.accessToken, batch)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(200));
    // Replays, one of them concurrent with another replay: nothing more is counted.
    const replays = await Promise.all([
      send(account.accessToken, batches[0] ?? []),
      send(account.accessToken, batches[0] ?? []),
    ]);
    expect(replays.map((r) => r.json().duplicates)).toEqual([3, 3]);
    const usage = await as(app, account.accessToken, {
      method: 'GET',
      url: '/v1/miyabi/usage?plugin=miyabi-docs-writer',
    });
    expect(usage.json().data).toHaveLength(1);
    expect(usage.json().data[0]).toMatchObject({
      issues: 20,
      tokens: 5000,
      agentExecutions: { CodeGen: 20 },
    });
    const kernelUsage = await as(app, account.accessToken, { method: 'GET', url: '/v1/usage' });
    expect(JSON.stringify(kernelUsage.json())).toContain('miyabi-docs-writer');

    const events = await as(app, account.accessToken, {
      method: 'GET',
      url: '/v1/miyabi/usage-events?limit=25',
    });
    expect(events.json().data).toHaveLength(25);
    expect(events.json().nextCursor).not.toBeNull();

    // The free plan allows 100 issues a month per plugin: 80 more pass, 1 more is refused whole.
    expect(
      (
        await send(
          account.accessToken,
          Array.from({ length: 80 }, () => event()),
        )
      ).statusCode,
    ).toBe(200);
    const refused = await send(account.accessToken, [event(), event({ type: 'tokens_used', quantity: 5 })]);
    const problem = expectProblem(refused, 402, 'quota_exceeded');
    expect(problem.detail).toContain('miyabi-docs-writer');
    expect(problem.quota).toMatchObject({ product: 'miyabi', metric: 'issues', limit: 100, used: 100 });
    const after = await as(app, account.accessToken, {
      method: 'GET',
      url: '/v1/miyabi/usage?plugin=miyabi-docs-writer',
    });
    expect(after.json().data[0]).toMatchObject({ issues: 100, tokens: 5000 });

    expectProblem(
      await send(account.accessToken, [event({ pluginId: 'no-such-plugin' })]),
      400,
      'validation_failed',
    );
    expectProblem(
      await send(account.accessToken, [event({ type: 'agent_execution' })]),
      400,
      'validation_failed',
    );
  });

  it('takes a licence instead of a key, for its own plugin only', async () => {
    const account = await signUp(app);
    const subscribed = await subscribeTo(account.accessToken, 'miyabi-line-bot');
    const { token } = subscribed.json().license;
    const viaLicense = (events: unknown[], license = token) =>
      app.inject({
        method: 'POST',
        url: '/v1/miyabi/usage-events',
        payload: { events },
        headers: { 'x-miyabi-license': license },
      });
    const ok = await viaLicense([event({ pluginId: 'miyabi-line-bot' })]);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ accepted: 1, duplicates: 0 });
    expectProblem(await viaLicense([event()]), 403, 'forbidden');
    const [h, p, s] = token.split('.');
    expectProblem(
      await viaLicense([event({ pluginId: 'miyabi-line-bot' })], `${h}.${p}.${s.slice(0, -2)}xx`),
      401,
      'unauthenticated',
    );
    expectProblem(
      await app.inject({ method: 'POST', url: '/v1/miyabi/usage-events', payload: { events: [event()] } }),
      401,
      'unauthenticated',
    );
    const usage = await as(app, account.accessToken, { method: 'GET', url: '/v1/miyabi/usage' });
    expect(usage.json().data[0]).toMatchObject({ pluginId: 'miyabi-line-bot', issues: 1 });
  });
});
