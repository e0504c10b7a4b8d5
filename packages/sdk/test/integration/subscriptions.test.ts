/**
 * Subscriptions through the SDK: a server of its own, with a Stripe webhook secret and a local
 * stand-in for Stripe's API, so a plugin subscription arrives by a signed webhook and is canceled
 * through `client.subscriptions.cancel`.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestServer, type TestServer } from '@yorozu/api/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NotFoundError, Yorozu } from '../../src/index';
import { PASSWORD, uniqueEmail } from './accounts';

const WEBHOOK_SECRET = 'whsec_sdk_0123456789abcdef';
const stripeCalls: string[] = [];
const fakeStripe = createServer((request, response) => {
  stripeCalls.push(`${request.method} ${request.url}`);
  request.resume();
  response.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"subscription"}');
});

let server: TestServer;
beforeAll(async () => {
  await new Promise<void>((resolve) => fakeStripe.listen(0, '127.0.0.1', resolve));
  server = await startTestServer({
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_SECRET_KEY: 'sk_test_sdk_0123456789',
    STRIPE_API_URL: `http://127.0.0.1:${(fakeStripe.address() as AddressInfo).port}`,
  });
});
afterAll(async () => {
  await server?.stop();
  await new Promise((resolve) => fakeStripe.close(resolve));
});

/** What Stripe would send when a plugin subscription starts, signed as Stripe signs it. */
async function stripeSubscribes(accountId: string, subject: string) {
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    id: `evt_${randomUUID()}`,
    type: 'customer.subscription.created',
    created: now,
    data: {
      object: {
        id: `sub_${randomUUID().slice(0, 8)}`,
        customer: 'cus_sdk',
        status: 'active',
        cancel_at_period_end: false,
        metadata: { accountId, subject },
        items: {
          data: [
            {
              price: { lookup_key: 'miyabi_pro' },
              current_period_start: now,
              current_period_end: now + 86_400,
            },
          ],
        },
      },
    },
  });
  const signature = createHmac('sha256', WEBHOOK_SECRET).update(`${now}.${body}`).digest('hex');
  const response = await fetch(`${server.baseUrl}/v1/billing/stripe-webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': `t=${now},v1=${signature}` },
    body,
  });
  expect(await response.json()).toEqual({ outcome: 'applied' });
}

it('lists a plugin subscription and cancels it at period end', async () => {
  const anonymous = new Yorozu({ baseUrl: server.baseUrl, anonymous: true });
  const { account, tokens } = await anonymous.auth.signup({ email: uniqueEmail('subs'), password: PASSWORD });
  const client = new Yorozu({ baseUrl: server.baseUrl, accessToken: tokens.accessToken });
  await stripeSubscribes(account.id, 'issue-triage');

  const { data, nextCursor } = await client.subscriptions.list({ product: 'miyabi' });
  expect(nextCursor).toBeNull();
  expect(data).toHaveLength(1);
  const [subscription] = data;
  expect(subscription).toMatchObject({ subject: 'issue-triage', plan: 'pro', cancelAtPeriodEnd: false });

  const canceled = await client.subscriptions.cancel({ id: subscription!.id });
  expect(canceled).toMatchObject({ id: subscription!.id, status: 'active', cancelAtPeriodEnd: true });
  expect(stripeCalls).toEqual([`POST /v1/subscriptions/${subscription!.stripeSubscriptionId}`]);
  await expect(client.subscriptions.cancel({ id: randomUUID() })).rejects.toBeInstanceOf(NotFoundError);
});
