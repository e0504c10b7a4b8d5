import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'slonik';
import { afterAll, describe, expect, it } from 'vitest';
import { type Account, as, expectProblem, signUp, testApp } from '../../../test/harness.ts';
import { superuserPool } from '../../../test/superuser.ts';
import { quotaTestRoutes, SPEND_URL } from '../../kernel/metering/testing.ts';
import { deliverStripeEvent, subscriptionEvent } from '../billing/testing.ts';

/** A stand-in for Stripe's API: records each request, answers with the status a test sets. */
interface StripeRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}
const stripeRequests: StripeRequest[] = [];
let stripeStatus = 200;
const fakeStripe = createServer(async (request: IncomingMessage, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  stripeRequests.push({
    method: request.method ?? '',
    url: request.url ?? '',
    authorization: request.headers.authorization,
    contentType: request.headers['content-type'],
    body: Buffer.concat(chunks).toString('utf8'),
  });
  response.writeHead(stripeStatus, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify(
      stripeStatus === 200
        ? { id: 'sub_x', object: 'subscription', cancel_at_period_end: true }
        : { error: { type: 'invalid_request_error', message: 'No such subscription' } },
    ),
  );
});
await new Promise<void>((resolve) => fakeStripe.listen(0, '127.0.0.1', resolve));
afterAll(() => new Promise<void>((resolve) => fakeStripe.close(() => resolve())));

const SECRET = 'whsec_test_0123456789abcdef';
const STRIPE_KEY = 'sk_test_0123456789abcdef';
const { app, databaseUrl } = await testApp(
  {
    STRIPE_WEBHOOK_SECRET: SECRET,
    STRIPE_SECRET_KEY: STRIPE_KEY,
    STRIPE_API_URL: `http://127.0.0.1:${(fakeStripe.address() as AddressInfo).port}`,
  },
  { routes: quotaTestRoutes },
);
const withoutStripeKey = await testApp({ STRIPE_WEBHOOK_SECRET: SECRET });
const superuser = await superuserPool(databaseUrl);

const HOUR = 3600;
const nowSeconds = () => Math.floor(Date.now() / 1000);
/** Unix seconds as the API writes a whole second (RFC 3339, no fraction). */
const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

function deliver(event: object, target = app) {
  return deliverStripeEvent(target, SECRET, event);
}

/** A miyabi subscription for one plugin (or the whole product), through a signed webhook. */
async function subscribePlugin(account: Account, plan: string, subject?: string, extra: object = {}) {
  const response = await deliver(
    subscriptionEvent({
      accountId: account.id,
      lookupKey: `miyabi_${plan}`,
      subscriptionId: `sub_${randomUUID()}`,
      metadata: { accountId: account.id, ...(subject ? { subject } : {}) },
      ...extra,
    }),
  );
  expect(response.json()).toEqual({ outcome: 'applied' });
}

function list(account: Account, query = '', target = app) {
  return as(target, account.accessToken, { method: 'GET', url: `/v1/subscriptions${query}` });
}

function cancel(account: Account, id: string, target = app) {
  return as(target, account.accessToken, { method: 'POST', url: `/v1/subscriptions/${id}/cancel` });
}

function spend(accountId: string, product: string, metric: string, amount: number, subject?: string) {
  return app.inject({
    method: 'POST',
    url: SPEND_URL,
    payload: { accountId, product, metric, amount, ...(subject ? { subject } : {}) },
  });
}

async function usage(account: Account, product: string) {
  const response = await as(app, account.accessToken, { method: 'GET', url: '/v1/usage' });
  return (response.json().data as { product: string; metric: string; subject: string | null; plan: string }[])
    .filter((item) => item.product === product)
    .map(({ metric, subject, plan }) => ({ metric, subject, plan }));
}

describe('subscriptions per plugin', () => {
  it('meters each plugin under its own plan, apart from every other plugin', async () => {
    const account = await signUp(app);
    await subscribePlugin(account, 'pro', 'issue-triage');
    // pro allows 1000 issues a month per plugin, free 100.
    expect((await spend(account.id, 'miyabi', 'issues', 600, 'issue-triage')).json()).toMatchObject({
      limit: 1000,
      used: 600,
    });
    const other = await spend(account.id, 'miyabi', 'issues', 600, 'release-notes');
    expect(expectProblem(other, 402, 'quota_exceeded').quota).toMatchObject({ limit: 100, used: 0 });
    expect((await spend(account.id, 'miyabi', 'issues', 100, 'release-notes')).json()).toMatchObject({
      limit: 100,
      used: 100,
    });
    // The first plugin's counter is its own: 400 still fit.
    expect((await spend(account.id, 'miyabi', 'issues', 400, 'issue-triage')).json()).toMatchObject({
      used: 1000,
      remaining: 0,
    });
    expect(await usage(account, 'miyabi')).toEqual([
      { metric: 'agent-runs', subject: null, plan: 'free' },
      { metric: 'agent-runs', subject: 'issue-triage', plan: 'pro' },
      { metric: 'issues', subject: null, plan: 'free' },
      { metric: 'issues', subject: 'issue-triage', plan: 'pro' },
      { metric: 'issues', subject: 'release-notes', plan: 'free' },
      { metric: 'tokens', subject: null, plan: 'free' },
      { metric: 'tokens', subject: 'issue-triage', plan: 'pro' },
    ]);
    // Studio and stickers keep one subscription per account: untouched by the plugin's.
    expect((await spend(account.id, 'studio', 'credits', 5)).json()).toMatchObject({ limit: 5 });
  });

  it("lets a plugin's own subscription win over one for the whole product, and keeps one row per subject", async () => {
    const account = await signUp(app);
    await subscribePlugin(account, 'enterprise');
    await subscribePlugin(account, 'pro', 'issue-triage');
    await subscribePlugin(account, 'pro', 'issue-triage');
    expect((await spend(account.id, 'miyabi', 'issues', 5000, 'anything')).json()).toMatchObject({
      limit: null,
    });
    expect((await spend(account.id, 'miyabi', 'issues', 5000, 'issue-triage')).statusCode).toBe(402);
    const rows = (await list(account, '?product=miyabi')).json().data;
    expect(rows.map((row: { subject: string | null; plan: string }) => [row.subject, row.plan])).toEqual([
      ['issue-triage', 'pro'],
      [null, 'enterprise'],
    ]);
  });

  it('ignores a plugin id on a product subscribed per account', async () => {
    const account = await signUp(app);
    await deliver(
      subscriptionEvent({
        accountId: account.id,
        lookupKey: 'speak_standard',
        metadata: { accountId: account.id, subject: 'not-a-plugin' },
      }),
    );
    expect((await list(account)).json().data).toMatchObject([
      { product: 'speak', subject: null, plan: 'standard' },
    ]);
  });
});

describe('GET /v1/subscriptions', () => {
  it("lists the caller's subscriptions newest first, by product, one page at a time", async () => {
    const account = await signUp(app);
    await deliver(subscriptionEvent({ accountId: account.id, lookupKey: 'studio_basic' }));
    for (const plugin of ['a', 'b', 'c']) await subscribePlugin(account, 'pro', `plugin-${plugin}`);

    const all = (await list(account)).json();
    expect(all.data.map((row: { product: string; subject: string | null }) => row.subject)).toEqual([
      'plugin-c',
      'plugin-b',
      'plugin-a',
      null,
    ]);
    expect(all.data[3]).toMatchObject({
      accountId: account.id,
      product: 'studio',
      plan: 'basic',
      status: 'active',
      cancelAtPeriodEnd: false,
      trialEnd: null,
      canceledAt: null,
      currentPeriodEnd: iso(1_797_592_000),
    });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { subject: string }[]; nextCursor: string | null } = (
        await list(account, `?product=miyabi&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.data.map((row) => row.subject));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['plugin-c', 'plugin-b', 'plugin-a']);

    // A cursor belongs to its filter, and nobody else sees these rows.
    const first = (await list(account, '?product=miyabi&limit=1')).json();
    expectProblem(await list(account, `?cursor=${first.nextCursor}`), 400, 'invalid_cursor');
    const other = await signUp(app);
    expect((await list(other)).json()).toEqual({ data: [], nextCursor: null });
    expectProblem(await list(account, '?product=nope'), 400, 'validation_failed');
  });
});

describe('POST /v1/subscriptions/{id}/cancel', () => {
  it('cancels at period end, at Stripe too: the plan holds until then, and a second cancel changes nothing', async () => {
    const account = await signUp(app);
    await subscribePlugin(account, 'pro', 'issue-triage', { periodEnd: nowSeconds() + 24 * HOUR });
    const [subscription] = (await list(account)).json().data;
    stripeRequests.length = 0;

    const canceled = await cancel(account, subscription.id);
    expect(canceled.statusCode).toBe(200);
    expect(canceled.json()).toMatchObject({
      id: subscription.id,
      status: 'active',
      cancelAtPeriodEnd: true,
      currentPeriodEnd: subscription.currentPeriodEnd,
    });
    expect(Date.parse(canceled.json().canceledAt)).not.toBeNaN();
    expect(stripeRequests).toEqual([
      {
        method: 'POST',
        url: `/v1/subscriptions/${subscription.stripeSubscriptionId}`,
        authorization: `Bearer ${STRIPE_KEY}`,
        contentType: 'application/x-www-form-urlencoded',
        body: 'cancel_at_period_end=true',
      },
    ]);
    // Until the period ends the plugin keeps its plan.
    expect((await spend(account.id, 'miyabi', 'issues', 500, 'issue-triage')).json()).toMatchObject({
      limit: 1000,
    });

    const again = await cancel(account, subscription.id);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(canceled.json());
    expect(stripeRequests).toHaveLength(1);

    // Both cancels are audited; only the first changed anything.
    const [second, first] = (
      await as(app, account.accessToken, { method: 'GET', url: '/v1/audit-log' })
    ).json().data;
    expect(second).toMatchObject({ action: 'subscriptions.cancel', changes: null });
    expect(first).toMatchObject({
      action: 'subscriptions.cancel',
      resource: 'subscriptions',
      resourceId: subscription.id,
      changes: { cancelAtPeriodEnd: { before: false, after: true } },
    });
  });

  it("answers another account's subscription exactly like a missing one", async () => {
    const owner = await signUp(app);
    await subscribePlugin(owner, 'pro', 'issue-triage');
    const [subscription] = (await list(owner)).json().data;
    const intruder = await signUp(app);
    const foreign = expectProblem(await cancel(intruder, subscription.id), 404, 'not_found');
    const missing = expectProblem(await cancel(intruder, randomUUID()), 404, 'not_found');
    expect({ ...foreign, requestId: null }).toEqual({ ...missing, requestId: null });
    expect((await list(owner)).json().data[0]).toMatchObject({ cancelAtPeriodEnd: false, canceledAt: null });
  });

  it('changes nothing when Stripe refuses or no Stripe key is configured', async () => {
    const account = await signUp(app);
    await subscribePlugin(account, 'pro', 'issue-triage');
    const [subscription] = (await list(account)).json().data;
    stripeStatus = 404;
    try {
      expectProblem(await cancel(account, subscription.id), 409, 'conflict');
    } finally {
      stripeStatus = 200;
    }
    const unconfigured = await signUp(withoutStripeKey.app);
    await subscribePlugin(unconfigured, 'pro', 'issue-triage');
    const [billed] = (await list(unconfigured, '', withoutStripeKey.app)).json().data;
    const refused = await cancel(unconfigured, billed.id, withoutStripeKey.app);
    expect(expectProblem(refused, 503, 'unavailable').detail).toContain('STRIPE_SECRET_KEY');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await list(account)).json().data[0]).toMatchObject({ cancelAtPeriodEnd: false });
    expect((await list(unconfigured, '', withoutStripeKey.app)).json().data[0]).toMatchObject({
      cancelAtPeriodEnd: false,
    });
  });

  it('ends a subscription without a billing period at once', async () => {
    const account = await signUp(app);
    await superuser.query(sql.unsafe`
      INSERT INTO platform.subscriptions (account_id, product, plan) VALUES (${account.id}, 'studio', 'pro')
    `);
    const [subscription] = (await list(account)).json().data;
    expect((await spend(account.id, 'studio', 'credits', 50)).json()).toMatchObject({ limit: null });
    const ended = (await cancel(account, subscription.id)).json();
    expect(ended).toMatchObject({ status: 'canceled', cancelAtPeriodEnd: false, plan: 'pro' });
    expect(
      expectProblem(await spend(account.id, 'studio', 'credits', 1), 402, 'quota_exceeded').quota,
    ).toMatchObject({ limit: 5 });
  });
});

describe('the lifecycle through Stripe events', () => {
  it('follows cancel_at_period_end, trial_end and deletion from signed webhooks', async () => {
    const account = await signUp(app);
    const stripeId = `sub_${randomUUID()}`;
    const trialEnd = nowSeconds() + 7 * 24 * HOUR;
    const event = (fields: object) =>
      subscriptionEvent({
        accountId: account.id,
        lookupKey: 'speak_standard',
        subscriptionId: stripeId,
        periodEnd: nowSeconds() + 30 * 24 * HOUR,
        ...fields,
      });
    await deliver(event({ status: 'trialing', trialEnd }));
    expect((await list(account)).json().data[0]).toMatchObject({
      status: 'trialing',
      trialEnd: iso(trialEnd),
      cancelAtPeriodEnd: false,
    });
    const requested = nowSeconds();
    await deliver(event({ status: 'trialing', trialEnd, cancelAtPeriodEnd: true, canceledAt: requested }));
    expect((await list(account)).json().data[0]).toMatchObject({
      status: 'trialing',
      cancelAtPeriodEnd: true,
      canceledAt: iso(requested),
    });
    expect((await usage(account, 'speak'))[0]?.plan).toBe('standard');
    await deliver(
      event({ type: 'customer.subscription.deleted', status: 'canceled', canceledAt: requested }),
    );
    expect((await list(account)).json().data[0]).toMatchObject({ status: 'canceled', plan: 'standard' });
    expect((await usage(account, 'speak'))[0]?.plan).toBe('free');
  });

  it('ends a subscription set to cancel when its period is over, before Stripe says so', async () => {
    const account = await signUp(app);
    const periodEnd = nowSeconds() - HOUR;
    await deliver(
      subscriptionEvent({
        accountId: account.id,
        lookupKey: 'stickers_pro',
        periodStart: periodEnd - 30 * 24 * HOUR,
        periodEnd,
        cancelAtPeriodEnd: true,
      }),
    );
    expect((await list(account)).json().data[0]).toMatchObject({
      plan: 'pro',
      status: 'canceled',
      cancelAtPeriodEnd: true,
      currentPeriodEnd: iso(periodEnd),
    });
    expect((await usage(account, 'stickers'))[0]?.plan).toBe('free');
    expect(
      expectProblem(await spend(account.id, 'stickers', 'images', 11), 402, 'quota_exceeded').quota,
    ).toMatchObject({ limit: 10 });
    // The same subscription still running (not set to cancel) keeps its plan past the stored period end:
    // renewing is Stripe's to say.
    await deliver(
      subscriptionEvent({
        accountId: account.id,
        lookupKey: 'stickers_pro',
        periodEnd,
        cancelAtPeriodEnd: false,
      }),
    );
    expect((await usage(account, 'stickers'))[0]?.plan).toBe('pro');
  });
});
