/**
 * One-time purchases and add-on allowances (docs/products/miyabi.md, Usage and quotas): a paid
 * Checkout session reaches the billing webhook signed, as Stripe sends it, and raises the base
 * plugin's quota for the month it was paid in; a recurring add-on raises it while it entitles.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'slonik';
import { afterAll, describe, expect, it } from 'vitest';
import { as, expectProblem, ownDatabase, signUp, testApp } from '../../../../test/harness.ts';
import { superuserPool } from '../../../../test/superuser.ts';
import {
  checkoutSessionEvent,
  deliverStripeEvent,
  fakeStripeCheckout,
  subscriptionEvent,
} from '../../billing/testing.ts';
import { LICENSE_TEST_JWT_SECRET, publish, publishBaseAndAddon } from './testing.ts';

const stripe = await fakeStripeCheckout('cs_test_pack');
const { checkouts } = stripe;
afterAll(stripe.close);

const SECRET = 'whsec_test_miyabi_purchases_0123456789';
// On a database of this file's own: the day's licence signing key is sealed under the secret of
// the first app to sign with it (src/modules/miyabi/market/testing.ts).
const { app, databaseUrl } = await testApp(
  {
    JWT_SECRET: LICENSE_TEST_JWT_SECRET,
    STRIPE_WEBHOOK_SECRET: SECRET,
    STRIPE_SECRET_KEY: 'sk_test_0123456789abcdef',
    STRIPE_API_URL: stripe.url,
  },
  { databaseUrl: await ownDatabase() },
);
const superuser = await superuserPool(databaseUrl);

const deliver = (event: object) => deliverStripeEvent(app, SECRET, event);
const outcome = async (event: object) => {
  const response = await deliver(event);
  expect(response.statusCode).toBe(200);
  return response.json().outcome as string;
};

const subscribeTo = (token: string, plugin: string, payload: Record<string, unknown> = {}) =>
  as(app, token, { method: 'POST', url: `/v1/miyabi/plugins/${plugin}/subscription`, payload });

/** The metadata the API's checkout puts on a pack's session. */
const packMetadata = (accountId: string, plugin: string) => ({
  accountId,
  product: 'miyabi',
  plan: 'addon',
  subject: plugin,
});

/** A batch of usage events adding `issues` issues to `plugin`, in one event. */
const spendIssues = (token: string, plugin: string, issues: number) =>
  as(app, token, {
    method: 'POST',
    url: '/v1/miyabi/usage-events',
    payload: { events: [{ id: randomUUID(), pluginId: plugin, type: 'issue_processed', quantity: issues }] },
  });

/** The plugin's quota of a metric in GET /v1/usage; undefined when the plugin has no row. */
async function quotaOf(token: string, plugin: string, metric = 'issues') {
  const response = await as(app, token, { method: 'GET', url: '/v1/usage' });
  expect(response.statusCode).toBe(200);
  const rows = response.json().data as { product: string; metric: string; subject: string | null }[];
  return rows.find((row) => row.product === 'miyabi' && row.metric === metric && row.subject === plugin) as
    | { limit: number | null; used: number; remaining: number | null; plan: string }
    | undefined;
}

interface PurchaseRow {
  status: string;
  subject: string;
  amount: number | null;
  currency: string | null;
  session: string;
}
interface GrantRow {
  metric: string;
  subject: string;
  amount: number;
  periodStart: string | number;
}

async function purchasesOf(accountId: string): Promise<readonly PurchaseRow[]> {
  return superuser.any(sql.unsafe`
    SELECT status, subject, amount, currency, stripe_checkout_session_id AS session
    FROM platform.purchases WHERE account_id = ${accountId} ORDER BY created_at
  `) as Promise<readonly PurchaseRow[]>;
}

async function grantsOf(accountId: string): Promise<readonly GrantRow[]> {
  return superuser.any(sql.unsafe`
    SELECT metric, subject, amount, period_start AS "periodStart"
    FROM platform.quota_grants WHERE account_id = ${accountId} ORDER BY metric, created_at
  `) as Promise<readonly GrantRow[]>;
}

/** A buyer on a 14-day pro trial of `base` (1 000 issues a month). */
async function trialBuyer(base: string) {
  const buyer = await signUp(app);
  expect((await subscribeTo(buyer.accessToken, base)).statusCode).toBe(201);
  return buyer;
}

describe('miyabi one-time purchases', () => {
  it('buys the token pack: a paid session raises miyabi-codegen by the pack once, and a 402 names the plugin at the new limit', async () => {
    const buyer = await signUp(app);
    // The seeded pack needs its base: without it, no checkout.
    expectProblem(
      await subscribeTo(buyer.accessToken, 'miyabi-token-pack', { successUrl: 'https://example.com/done' }),
      409,
      'base_plugin_required',
    );
    expect((await subscribeTo(buyer.accessToken, 'miyabi-codegen')).statusCode).toBe(201);
    expect(await quotaOf(buyer.accessToken, 'miyabi-codegen')).toMatchObject({ plan: 'pro', limit: 1000 });

    const bought = await subscribeTo(buyer.accessToken, 'miyabi-token-pack', {
      successUrl: 'https://example.com/done',
    });
    expect(bought.statusCode).toBe(202);
    expect(bought.json()).toMatchObject({
      subscription: null,
      license: null,
      checkout: { id: 'cs_test_pack' },
    });
    // A payment session: the metadata is on the session itself, where the webhook reads it.
    const form = checkouts.at(-1);
    expect(form?.get('mode')).toBe('payment');
    expect(form?.get('line_items[0][price_data][unit_amount]')).toBe('500');
    expect(form?.get('line_items[0][price_data][recurring][interval]')).toBeNull();
    const metadata = {
      accountId: form?.get('metadata[accountId]'),
      product: form?.get('metadata[product]'),
      plan: form?.get('metadata[plan]'),
      subject: form?.get('metadata[subject]'),
    };
    expect(metadata).toEqual(packMetadata(buyer.id, 'miyabi-token-pack'));

    const paid = checkoutSessionEvent({
      metadata: metadata as Record<string, string>,
      sessionId: 'cs_test_pack',
    });
    // The same event twice, concurrently, and once more: applied once.
    const first = await Promise.all([deliver(paid), deliver(paid)]);
    expect(first.map((r) => r.json().outcome).sort()).toEqual(['applied', 'duplicate']);
    expect(await outcome(paid)).toBe('duplicate');
    // Another event about the same, settled session changes nothing either.
    expect(
      await outcome(
        checkoutSessionEvent({
          metadata: metadata as Record<string, string>,
          sessionId: 'cs_test_pack',
          type: 'checkout.session.async_payment_succeeded',
        }),
      ),
    ).toBe('ignored');

    expect(await purchasesOf(buyer.id)).toEqual([
      { status: 'paid', subject: 'miyabi-token-pack', amount: 500, currency: 'USD', session: 'cs_test_pack' },
    ]);
    const grants = await grantsOf(buyer.id);
    expect(grants.map((g) => [g.metric, g.subject, g.amount])).toEqual([
      ['agent-runs', 'miyabi-codegen', 1000],
      ['issues', 'miyabi-codegen', 1000],
      ['tokens', 'miyabi-codegen', 1_000_000],
    ]);
    // Exactly the pack: pro's 1 000 issues and 1 000 000 tokens, plus the pack's.
    expect(await quotaOf(buyer.accessToken, 'miyabi-codegen')).toMatchObject({
      limit: 2000,
      remaining: 2000,
    });
    expect(await quotaOf(buyer.accessToken, 'miyabi-codegen', 'tokens')).toMatchObject({ limit: 2_000_000 });
    // The pack is not a subscription: no licence, no subscription row.
    const subscriptions = await as(app, buyer.accessToken, {
      method: 'GET',
      url: '/v1/subscriptions?product=miyabi',
    });
    expect(subscriptions.json().data.map((s: { subject: string }) => s.subject)).toEqual(['miyabi-codegen']);

    // Spend to the raised limit: 2 000 pass, one more is 402 naming the plugin and the new limit.
    expect((await spendIssues(buyer.accessToken, 'miyabi-codegen', 1999)).statusCode).toBe(200);
    expect((await spendIssues(buyer.accessToken, 'miyabi-codegen', 1)).statusCode).toBe(200);
    const refused = expectProblem(
      await spendIssues(buyer.accessToken, 'miyabi-codegen', 1),
      402,
      'quota_exceeded',
    );
    expect(refused.detail).toContain('miyabi-codegen');
    expect(refused.detail).toContain('2000');
    expect(refused.quota).toMatchObject({ product: 'miyabi', metric: 'issues', limit: 2000, used: 2000 });

    // A second pack is a second purchase: it adds another 1 000.
    expect(
      await outcome(checkoutSessionEvent({ metadata: packMetadata(buyer.id, 'miyabi-token-pack') })),
    ).toBe('applied');
    expect(await quotaOf(buyer.accessToken, 'miyabi-codegen')).toMatchObject({ limit: 3000, used: 2000 });
    expect((await spendIssues(buyer.accessToken, 'miyabi-codegen', 1000)).statusCode).toBe(200);
  });

  it('waits for an asynchronous payment: unpaid is recorded, succeeded applies once, failed applies nothing', async () => {
    const { base, addon } = await publishBaseAndAddon(app, 'one-time');
    const buyer = await trialBuyer(base);
    const metadata = packMetadata(buyer.id, addon);

    const sessionId = `cs_test_${randomUUID()}`;
    expect(await outcome(checkoutSessionEvent({ metadata, sessionId, paymentStatus: 'unpaid' }))).toBe(
      'applied',
    );
    expect((await purchasesOf(buyer.id)).map((p) => p.status)).toEqual(['pending']);
    expect(await grantsOf(buyer.id)).toEqual([]);
    expect(await quotaOf(buyer.accessToken, base)).toMatchObject({ limit: 1000 });
    // The same unpaid state again changes nothing.
    expect(await outcome(checkoutSessionEvent({ metadata, sessionId, paymentStatus: 'unpaid' }))).toBe(
      'ignored',
    );

    const succeeded = checkoutSessionEvent({
      metadata,
      sessionId,
      type: 'checkout.session.async_payment_succeeded',
    });
    expect(await outcome(succeeded)).toBe('applied');
    expect(await outcome(succeeded)).toBe('duplicate');
    expect(
      await outcome(
        checkoutSessionEvent({ metadata, sessionId, type: 'checkout.session.async_payment_succeeded' }),
      ),
    ).toBe('ignored');
    // A late `completed` (Stripe does not order deliveries) does not take it back to pending.
    expect(await outcome(checkoutSessionEvent({ metadata, sessionId, paymentStatus: 'unpaid' }))).toBe(
      'ignored',
    );
    expect((await purchasesOf(buyer.id)).map((p) => p.status)).toEqual(['paid']);
    expect(await quotaOf(buyer.accessToken, base)).toMatchObject({ limit: 2000 });

    const failedSession = `cs_test_${randomUUID()}`;
    expect(
      await outcome(checkoutSessionEvent({ metadata, sessionId: failedSession, paymentStatus: 'unpaid' })),
    ).toBe('applied');
    expect(
      await outcome(
        checkoutSessionEvent({
          metadata,
          sessionId: failedSession,
          type: 'checkout.session.async_payment_failed',
        }),
      ),
    ).toBe('applied');
    // Failed is final.
    expect(
      await outcome(
        checkoutSessionEvent({
          metadata,
          sessionId: failedSession,
          type: 'checkout.session.async_payment_succeeded',
        }),
      ),
    ).toBe('ignored');
    expect((await purchasesOf(buyer.id)).map((p) => p.status)).toEqual(['paid', 'failed']);
    expect(await quotaOf(buyer.accessToken, base)).toMatchObject({ limit: 2000 });
    expect((await grantsOf(buyer.id)).filter((g) => g.metric === 'issues')).toHaveLength(1);
  });

  it('ignores what is not a paid one-time purchase of a known account and plan', async () => {
    const buyer = await signUp(app);
    const metadata = packMetadata(buyer.id, 'miyabi-token-pack');
    // A subscription session: its subscription events apply it.
    expect(await outcome(checkoutSessionEvent({ metadata, mode: 'subscription' }))).toBe('ignored');
    expect(await outcome(checkoutSessionEvent({ metadata: { ...metadata, accountId: 'nope' } }))).toBe(
      'ignored',
    );
    expect(await outcome(checkoutSessionEvent({ metadata: { ...metadata, plan: 'platinum' } }))).toBe(
      'ignored',
    );
    expect(await outcome(checkoutSessionEvent({ metadata: { ...metadata, accountId: randomUUID() } }))).toBe(
      'ignored',
    );
    // Signed but not storable: ignored, never a 500.
    expect(await outcome(checkoutSessionEvent({ metadata: { ...metadata, plan: 'add\u0000on' } }))).toBe(
      'ignored',
    );
    expect(await outcome(checkoutSessionEvent({ metadata, sessionId: 'cs_\ud800' }))).toBe('ignored');
    const malformed = checkoutSessionEvent({ metadata });
    (malformed.data.object as Record<string, unknown>)['payment_status'] = 42;
    expect(await outcome(malformed)).toBe('ignored');
    expect(await purchasesOf(buyer.id)).toEqual([]);
    // Forged: not signed with the endpoint's secret.
    const forged = await deliverStripeEvent(app, 'whsec_wrong', checkoutSessionEvent({ metadata }));
    expectProblem(forged, 400, 'validation_failed');
    expect(await purchasesOf(buyer.id)).toEqual([]);
  });

  it('grants a pack to the month it was paid in only', async () => {
    const { base, addon } = await publishBaseAndAddon(app, 'one-time');
    const buyer = await trialBuyer(base);
    const monthStart = new Date();
    monthStart.setUTCDate(1);
    monthStart.setUTCHours(0, 0, 0, 0);
    // Paid one second before this month began (the event's time is when Stripe saw the payment).
    const lastMonth = Math.floor(monthStart.getTime() / 1000) - 1;
    expect(
      await outcome(checkoutSessionEvent({ metadata: packMetadata(buyer.id, addon), created: lastMonth })),
    ).toBe('applied');
    const grants = await grantsOf(buyer.id);
    expect(grants).toHaveLength(3);
    const previous = new Date(monthStart);
    previous.setUTCMonth(previous.getUTCMonth() - 1);
    for (const grant of grants)
      expect(new Date(grant.periodStart).toISOString()).toBe(previous.toISOString());
    // This month's limit is the plan's alone.
    expect(await quotaOf(buyer.accessToken, base)).toMatchObject({ limit: 1000 });
    expect((await spendIssues(buyer.accessToken, base, 1000)).statusCode).toBe(200);
    expectProblem(await spendIssues(buyer.accessToken, base, 1), 402, 'quota_exceeded');
  });

  it('applies a pack paid after its base ended, on top of the plan the base is on then', async () => {
    const { base, addon } = await publishBaseAndAddon(app, 'one-time');
    // The checkout was opened while the base entitled; it ended before the payment arrived.
    const buyer = await trialBuyer(base);
    const sub = await as(app, buyer.accessToken, { method: 'GET', url: '/v1/subscriptions?product=miyabi' });
    await superuser.query(sql.unsafe`
      UPDATE platform.subscriptions SET status = 'canceled' WHERE id = ${sub.json().data[0].id}
    `);
    expect(await quotaOf(buyer.accessToken, base)).toMatchObject({ plan: 'free', limit: 100 });
    expect(await outcome(checkoutSessionEvent({ metadata: packMetadata(buyer.id, addon) }))).toBe('applied');
    // Free's 100 plus the pack's 1 000, this month.
    expect(await quotaOf(buyer.accessToken, base)).toMatchObject({ plan: 'free', limit: 1100 });
    expect((await spendIssues(buyer.accessToken, base, 1100)).statusCode).toBe(200);
    const refused = expectProblem(await spendIssues(buyer.accessToken, base, 1), 402, 'quota_exceeded');
    expect(refused.quota).toMatchObject({ limit: 1100, used: 1100 });
    expect(refused.detail).toContain(base);
    // A buyer who never had the base (a session opened elsewhere): the same rule.
    const stranger = await signUp(app);
    expect(await outcome(checkoutSessionEvent({ metadata: packMetadata(stranger.id, addon) }))).toBe(
      'applied',
    );
    expect(await quotaOf(stranger.accessToken, base)).toMatchObject({ plan: 'free', limit: 1100, used: 0 });
  });

  it('keeps an unlimited base unlimited, and a third party add-on raises only itself', async () => {
    const { author, base, addon } = await publishBaseAndAddon(app, 'one-time');
    const buyer = await trialBuyer(base);
    await superuser.query(sql.unsafe`
      UPDATE platform.subscriptions SET plan = 'enterprise'
      WHERE account_id = ${buyer.id} AND product = 'miyabi' AND subject = ${base}
    `);
    expect(await outcome(checkoutSessionEvent({ metadata: packMetadata(buyer.id, addon) }))).toBe('applied');
    expect(await quotaOf(buyer.accessToken, base)).toMatchObject({
      plan: 'enterprise',
      limit: null,
      remaining: null,
    });

    // Anyone may publish an add-on of any plugin, but only the base's author sells its quota.
    const other = await signUp(app);
    const foreign = await publish(app, other.accessToken, {
      tier: 'addon',
      priceAmount: 100,
      trialDays: 0,
      requiresPlugin: base,
      billingPeriod: 'one-time',
    });
    const second = await trialBuyer(base);
    expect(await outcome(checkoutSessionEvent({ metadata: packMetadata(second.id, foreign.id) }))).toBe(
      'applied',
    );
    expect(await quotaOf(second.accessToken, base)).toMatchObject({ limit: 1000 });
    // Its grant is its own plugin's: free's 100 plus 1 000 for the add-on's own usage.
    expect(await quotaOf(second.accessToken, foreign.id)).toMatchObject({ limit: 1100 });
    expect(author.id).not.toBe(other.id);
  });

  it('spends exactly to base + pack under 20 concurrent batches', async () => {
    const { base, addon } = await publishBaseAndAddon(app, 'one-time');
    const buyer = await trialBuyer(base);
    expect(await outcome(checkoutSessionEvent({ metadata: packMetadata(buyer.id, addon) }))).toBe('applied');
    expect((await spendIssues(buyer.accessToken, base, 1990)).statusCode).toBe(200);
    // 20 batches of one issue around the limit of 2 000: exactly 10 fit.
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => spendIssues(buyer.accessToken, base, 1)),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([...Array(10).fill(200), ...Array(10).fill(402)]);
    for (const refused of answers.filter((a) => a.statusCode === 402)) {
      expect(refused.json().quota).toMatchObject({ limit: 2000, used: 2000 });
    }
    expect(await quotaOf(buyer.accessToken, base)).toMatchObject({ limit: 2000, used: 2000, remaining: 0 });
    const usage = await as(app, buyer.accessToken, { method: 'GET', url: `/v1/miyabi/usage?plugin=${base}` });
    expect(usage.json().data[0]).toMatchObject({ issues: 2000 });
  });
});

describe('miyabi recurring add-ons', () => {
  it("raise the base plugin's limits and licence while they entitle", async () => {
    const { base, addon } = await publishBaseAndAddon(app, 'monthly');
    const buyer = await trialBuyer(base);
    const metadata = { accountId: buyer.id, product: 'miyabi', plan: 'addon', subject: addon };
    const now = Math.floor(Date.now() / 1000);
    const subscriptionId = `sub_${randomUUID().slice(0, 12)}`;
    expect(
      await outcome(
        subscriptionEvent({
          accountId: buyer.id,
          type: 'customer.subscription.created',
          lookupKey: null,
          metadata,
          subscriptionId,
          periodStart: now - 60,
          periodEnd: now + 30 * 86_400,
        }),
      ),
    ).toBe('applied');
    expect(await quotaOf(buyer.accessToken, base)).toMatchObject({ plan: 'pro', limit: 2000 });
    expect(await quotaOf(buyer.accessToken, base, 'tokens')).toMatchObject({ limit: 2_000_000 });
    // The add-on's own usage is still metered under its own plan.
    expect(await quotaOf(buyer.accessToken, addon)).toMatchObject({ plan: 'addon', limit: 1000 });

    // The base's licence states the raised limits.
    const issued = await as(app, buyer.accessToken, {
      method: 'POST',
      url: `/v1/miyabi/plugins/${base}/license`,
    });
    expect(issued.statusCode).toBe(201);
    const claims = JSON.parse(Buffer.from(issued.json().token.split('.')[1], 'base64url').toString('utf8'));
    expect(claims.limits).toEqual({ issues: 2000, tokens: 2_000_000, 'agent-runs': 2000 });

    expect((await spendIssues(buyer.accessToken, base, 2000)).statusCode).toBe(200);
    const refused = expectProblem(await spendIssues(buyer.accessToken, base, 1), 402, 'quota_exceeded');
    expect(refused.detail).toContain(base);
    expect(refused.detail).toContain('add-ons');

    // Past due still entitles; deleted does not: the base is back to its plan's limit.
    expect(
      await outcome(
        subscriptionEvent({
          accountId: buyer.id,
          status: 'past_due',
          lookupKey: null,
          metadata,
          subscriptionId,
        }),
      ),
    ).toBe('applied');
    expect(await quotaOf(buyer.accessToken, base)).toMatchObject({ limit: 2000 });
    expect(
      await outcome(
        subscriptionEvent({
          accountId: buyer.id,
          type: 'customer.subscription.deleted',
          status: 'canceled',
          lookupKey: null,
          metadata,
          subscriptionId,
        }),
      ),
    ).toBe('applied');
    expect(await quotaOf(buyer.accessToken, base)).toMatchObject({ limit: 1000, used: 2000, remaining: 0 });
  });
});
