import { randomUUID } from 'node:crypto';
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../../test/harness.ts';
import { superuserPool } from '../../../test/superuser.ts';
import { quotaTestRoutes, SPEND_URL } from '../../kernel/metering/testing.ts';
import { assertStripeSignature, stripeSignature } from '../../kernel/payments/index.ts';
import { deliverStripeEvent, subscriptionEvent, WEBHOOK_URL } from './testing.ts';

const SECRET = 'whsec_test_0123456789abcdef';
const { app, databaseUrl, clock } = await testApp(
  { STRIPE_WEBHOOK_SECRET: SECRET },
  { routes: quotaTestRoutes },
);
const unconfigured = await testApp();
const admin = await superuserPool(databaseUrl);

function deliver(event: object, options: { secret?: string; timestamp?: number; target?: typeof app } = {}) {
  return deliverStripeEvent(options.target ?? app, options.secret ?? SECRET, event, options.timestamp);
}

function spendCredit(accountId: string) {
  return app.inject({
    method: 'POST',
    url: SPEND_URL,
    payload: { accountId, product: 'studio', metric: 'credits', amount: 1 },
  });
}

async function subscriptionOf(accountId: string, product = 'studio') {
  return admin.maybeOne(sql.unsafe`
    SELECT plan, status, stripe_subscription_id AS "stripeSubscriptionId", current_period_end AS "currentPeriodEnd"
    FROM platform.subscriptions WHERE account_id = ${accountId} AND product = ${product}
  `);
}

async function processed(eventId: string) {
  return admin.exists(sql.unsafe`SELECT 1 FROM platform.stripe_events WHERE id = ${eventId}`);
}

describe('POST /v1/billing/stripe-webhook', () => {
  it('raises the limit at once when a correctly signed event upgrades the plan', async () => {
    const account = await signUp(app);
    for (let i = 0; i < 5; i++) expect((await spendCredit(account.id)).statusCode).toBe(200);
    expectProblem(await spendCredit(account.id), 402, 'quota_exceeded');

    const response = await deliver(
      subscriptionEvent({ accountId: account.id, type: 'customer.subscription.created' }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ outcome: 'applied' });
    expect(await subscriptionOf(account.id)).toEqual({
      plan: 'basic',
      status: 'active',
      stripeSubscriptionId: `sub_${account.id.slice(0, 8)}`,
      currentPeriodEnd: new Date(1_797_592_000 * 1000).toISOString().replace('.000Z', 'Z'),
    });
    const sixth = await spendCredit(account.id);
    expect(sixth.statusCode).toBe(200);
    expect(sixth.json()).toMatchObject({ limit: 20, used: 6, remaining: 14 });
    const usage = await as(app, account.accessToken, { method: 'GET', url: '/v1/usage' });
    expect(usage.json().data.find((item: { product: string }) => item.product === 'studio')).toMatchObject({
      plan: 'basic',
      limit: 20,
      used: 6,
    });
  });

  it('changes nothing for a bad signature, a stale timestamp or a malformed header', async () => {
    const account = await signUp(app);
    const event = subscriptionEvent({ accountId: account.id });
    const now = Math.floor(Date.now() / 1000);
    // Outside the 300 s tolerance by a margin: seconds pass between reading the clock here and in the app.
    const attempts = [
      await deliver(event, { secret: 'whsec_some_other_secret_value' }),
      await deliver(event, { timestamp: now - 360 }),
      await deliver(event, { timestamp: now + 360 }),
      await app.inject({ method: 'POST', url: WEBHOOK_URL, payload: event }),
      await app.inject({
        method: 'POST',
        url: WEBHOOK_URL,
        headers: {
          'stripe-signature': `v1=${stripeSignature(SECRET, now, Buffer.from(JSON.stringify(event)))}`,
        },
        payload: event,
      }),
    ];
    // The same bytes re-serialised with other whitespace no longer match their signature.
    const rawBody = JSON.stringify(event);
    attempts.push(
      await app.inject({
        method: 'POST',
        url: WEBHOOK_URL,
        headers: {
          'content-type': 'application/json',
          'stripe-signature': `t=${now},v1=${stripeSignature(SECRET, now, Buffer.from(rawBody))}`,
        },
        payload: JSON.stringify(event, null, 2),
      }),
    );
    for (const response of attempts) {
      const problem = expectProblem(response, 400, 'validation_failed');
      expect(problem.errors[0].path).toBe('/header/stripe-signature');
    }
    expect(await subscriptionOf(account.id)).toBeNull();
    expect(await processed(event.id)).toBe(false);
    // The event itself is fine: signed correctly it applies.
    expect((await deliver(event)).json()).toEqual({ outcome: 'applied' });
  });

  it('follows the test clock: a signature is judged against the app clock', async () => {
    const account = await signUp(app);
    const event = subscriptionEvent({ accountId: account.id });
    clock.offsetMs = 10 * 60 * 1000;
    try {
      expectProblem(await deliver(event), 400, 'validation_failed');
    } finally {
      clock.offsetMs = 0;
    }
    expect((await deliver(event)).json()).toEqual({ outcome: 'applied' });
  });

  it('ignores a replayed event id, even after a later event changed the plan', async () => {
    const account = await signUp(app);
    const upgrade = subscriptionEvent({ accountId: account.id, lookupKey: 'studio_pro' });
    expect((await deliver(upgrade)).json()).toEqual({ outcome: 'applied' });
    const downgrade = subscriptionEvent({ accountId: account.id, lookupKey: 'studio_basic' });
    expect((await deliver(downgrade)).json()).toEqual({ outcome: 'applied' });
    // Re-signed with a fresh timestamp, so only the event id marks it as a replay.
    const replays = await Promise.all([deliver(upgrade), deliver(upgrade)]);
    for (const replay of replays) expect(replay.json()).toEqual({ outcome: 'duplicate' });
    expect(await subscriptionOf(account.id)).toMatchObject({ plan: 'basic' });
  });

  it('ignores an older event delivered after a newer one', async () => {
    const account = await signUp(app);
    const older = subscriptionEvent({ accountId: account.id, lookupKey: 'studio_pro' });
    const newer = subscriptionEvent({ accountId: account.id, lookupKey: 'studio_basic' });
    expect((await deliver(newer)).json()).toEqual({ outcome: 'applied' });
    expect((await deliver(older)).json()).toEqual({ outcome: 'ignored' });
    expect(await subscriptionOf(account.id)).toMatchObject({ plan: 'basic' });
  });

  it('puts the account back on the free plan when the subscription ends or stops being paid', async () => {
    const account = await signUp(app);
    // The plan quotas apply, as GET /v1/usage shows it; the row keeps the plan that was bought.
    const speakPlan = async () => {
      const usage = await as(app, account.accessToken, { method: 'GET', url: '/v1/usage' });
      return usage.json().data.find((item: { product: string }) => item.product === 'speak').plan;
    };
    await deliver(subscriptionEvent({ accountId: account.id, lookupKey: 'speak_premium' }));
    expect(await subscriptionOf(account.id, 'speak')).toMatchObject({ plan: 'premium', status: 'active' });
    expect(await speakPlan()).toBe('premium');
    await deliver(subscriptionEvent({ accountId: account.id, lookupKey: 'speak_premium', status: 'unpaid' }));
    expect(await subscriptionOf(account.id, 'speak')).toMatchObject({ plan: 'premium', status: 'unpaid' });
    expect(await speakPlan()).toBe('free');
    await deliver(
      subscriptionEvent({ accountId: account.id, lookupKey: 'speak_premium', status: 'past_due' }),
    );
    expect(await subscriptionOf(account.id, 'speak')).toMatchObject({ plan: 'premium', status: 'past_due' });
    expect(await speakPlan()).toBe('premium');
    const deleted = subscriptionEvent({
      accountId: account.id,
      lookupKey: 'speak_premium',
      type: 'customer.subscription.deleted',
    });
    expect((await deliver(deleted)).json()).toEqual({ outcome: 'applied' });
    expect(await subscriptionOf(account.id, 'speak')).toMatchObject({ plan: 'premium', status: 'canceled' });
    expect(await speakPlan()).toBe('free');
  });

  it('maps metadata product and plan when the price has no lookup key, and ignores what it cannot map', async () => {
    const account = await signUp(app);
    const byMetadata = subscriptionEvent({
      accountId: account.id,
      lookupKey: null,
      metadata: { accountId: account.id, product: 'stickers', plan: 'pro' },
    });
    expect((await deliver(byMetadata)).json()).toEqual({ outcome: 'applied' });
    expect(await subscriptionOf(account.id, 'stickers')).toMatchObject({ plan: 'pro' });

    const unmappable = [
      subscriptionEvent({ accountId: account.id, lookupKey: 'unknown_key' }),
      subscriptionEvent({
        accountId: account.id,
        lookupKey: null,
        metadata: { accountId: account.id, product: 'stickers', plan: 'gold' },
      }),
      subscriptionEvent({ accountId: account.id, metadata: {} }),
      subscriptionEvent({ accountId: account.id, metadata: { accountId: 'not-a-uuid' } }),
      subscriptionEvent({ accountId: randomUUID() }),
      subscriptionEvent({ accountId: account.id, status: 'bankrupt' }),
      { ...subscriptionEvent({ accountId: account.id }), type: 'invoice.paid' },
    ];
    for (const event of unmappable) expect((await deliver(event)).json()).toEqual({ outcome: 'ignored' });
    expect(await subscriptionOf(account.id)).toBeNull();
    expect(await subscriptionOf(account.id, 'stickers')).toMatchObject({ plan: 'pro' });
  });

  it('answers 400, not 500, to a signed event whose timestamps no date can hold', async () => {
    const account = await signUp(app);
    // 8.64e15 ms is the largest instant a JavaScript Date holds (ECMA-262 §21.4.1.1); these are past it.
    const tooFar = 9_000_000_000_000;
    const period = subscriptionEvent({ accountId: account.id });
    const [item] = period.data.object.items.data;
    if (item) item.current_period_end = tooFar;
    const outOfRange = [
      subscriptionEvent({ accountId: account.id, created: tooFar }),
      subscriptionEvent({ accountId: account.id, created: -tooFar }),
      period,
    ];
    for (const event of outOfRange) {
      const problem = expectProblem(await deliver(event), 400, 'validation_failed');
      expect(problem.errors[0].path).toMatch(/^\/body\//);
      expect(await processed(event.id)).toBe(false);
    }
    expect(await subscriptionOf(account.id)).toBeNull();
  });

  it('answers 503 with Retry-After when no webhook secret is configured', async () => {
    const account = await signUp(unconfigured.app);
    const event = subscriptionEvent({ accountId: account.id });
    const response = await deliver(event, { target: unconfigured.app });
    const problem = expectProblem(response, 503, 'unavailable');
    expect(problem.detail).toContain('STRIPE_WEBHOOK_SECRET');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(await processed(event.id)).toBe(false);
  });

  it('refuses bodies that are not JSON events', async () => {
    const now = Math.floor(Date.now() / 1000);
    const send = (payload: string, contentType = 'application/json') =>
      app.inject({
        method: 'POST',
        url: WEBHOOK_URL,
        headers: {
          'content-type': contentType,
          'stripe-signature': `t=${now},v1=${stripeSignature(SECRET, now, Buffer.from(payload))}`,
        },
        payload,
      });
    expectProblem(await send('{"id": '), 400, 'validation_failed');
    expectProblem(await send(''), 400, 'validation_failed');
    expectProblem(await send('{"id":"evt_1"}'), 400, 'validation_failed');
    expectProblem(await send('{"__proto__": {"x": 1}}'), 400, 'validation_failed');
    expectProblem(await send('id=evt_1', 'text/plain'), 415, 'unsupported_media_type');
  });
});

describe('Stripe signatures', () => {
  const body = Buffer.from('{"id":"evt_1"}');
  const now = 1_795_000_000;
  const valid = stripeSignature(SECRET, now, body);

  it('accepts any matching v1 among several, within five minutes either way', () => {
    expect(() =>
      assertStripeSignature(body, `t=${now},v1=${'0'.repeat(64)},v1=${valid}`, SECRET, now * 1000),
    ).not.toThrow();
    expect(() =>
      assertStripeSignature(body, `t=${now}, v0=abc, v1=${valid}`, SECRET, (now + 300) * 1000),
    ).not.toThrow();
    expect(() =>
      assertStripeSignature(body, `t=${now},v1=${valid}`, SECRET, (now - 300) * 1000),
    ).not.toThrow();
  });

  it('refuses empty, malformed, truncated and foreign signatures', () => {
    const refused = [
      '',
      `v1=${valid}`,
      `t=${now}`,
      `t=abc,v1=${valid}`,
      `t=${now},t=${now},v1=${valid}`,
      `t=${now},v1=${valid.slice(0, 32)}`,
      `t=${now},v1=not-hex`,
      `t=${now},v0=${valid}`,
      `t=${now},v1=${stripeSignature('whsec_another_secret_0000', now, body)}`,
    ];
    for (const header of refused) {
      expect(() => assertStripeSignature(body, header, SECRET, now * 1000)).toThrow(
        /Invalid Stripe-Signature/,
      );
    }
    expect(() => assertStripeSignature(body, `t=${now},v1=${valid}`, SECRET, (now + 301) * 1000)).toThrow(
      /seconds away/,
    );
  });
});
