/** Stripe events as Stripe sends them, signed, for the tests of the webhook and of subscriptions. */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { stripeSignature } from '../../kernel/payments/index.ts';

export const WEBHOOK_URL = '/v1/billing/stripe-webhook';

let eventSecond = Math.floor(Date.now() / 1000);

export interface SubscriptionEvent {
  accountId: string;
  type?: string;
  status?: string;
  lookupKey?: string | null;
  metadata?: Record<string, string>;
  id?: string;
  created?: number;
  /** Stripe's `sub_…` id; by default one per account. */
  subscriptionId?: string;
  cancelAtPeriodEnd?: boolean;
  periodStart?: number;
  periodEnd?: number;
  trialEnd?: number | null;
  canceledAt?: number | null;
}

/** A subscription event (API version 2025-03-31 and later: billing period on the items). */
export function subscriptionEvent(event: SubscriptionEvent) {
  return {
    id: event.id ?? `evt_${randomUUID()}`,
    object: 'event',
    type: event.type ?? 'customer.subscription.updated',
    created: event.created ?? ++eventSecond,
    livemode: false,
    data: {
      object: {
        id: event.subscriptionId ?? `sub_${event.accountId.slice(0, 8)}`,
        object: 'subscription',
        customer: 'cus_test',
        status: event.status ?? 'active',
        metadata: event.metadata ?? { accountId: event.accountId },
        ...(event.cancelAtPeriodEnd === undefined ? {} : { cancel_at_period_end: event.cancelAtPeriodEnd }),
        ...(event.trialEnd === undefined ? {} : { trial_end: event.trialEnd }),
        ...(event.canceledAt === undefined ? {} : { canceled_at: event.canceledAt }),
        items: {
          object: 'list',
          data: [
            {
              id: 'si_test',
              price: {
                id: 'price_test',
                lookup_key: event.lookupKey === undefined ? 'studio_basic' : event.lookupKey,
              },
              current_period_start: event.periodStart ?? 1_795_000_000,
              current_period_end: event.periodEnd ?? 1_797_592_000,
            },
          ],
        },
      },
    },
  };
}

/** Posts an event to the webhook, signed with `secret` at `timestamp` (now by default). */
export function deliverStripeEvent(
  app: FastifyInstance,
  secret: string,
  event: object,
  timestamp = Math.floor(Date.now() / 1000),
) {
  const rawBody = JSON.stringify(event);
  const signature = stripeSignature(secret, timestamp, Buffer.from(rawBody));
  return app.inject({
    method: 'POST',
    url: WEBHOOK_URL,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'stripe-signature': `t=${timestamp},v1=${signature}`,
    },
    payload: rawBody,
  });
}

export interface CheckoutSessionEvent {
  /** The session's metadata, as the API's checkout sets it (accountId, product, plan, subject). */
  metadata: Record<string, string>;
  type?: string;
  id?: string;
  created?: number;
  /** Stripe's `cs_…` id; a fresh one by default. */
  sessionId?: string;
  mode?: 'payment' | 'subscription';
  paymentStatus?: 'paid' | 'unpaid' | 'no_payment_required';
  amountTotal?: number;
}

/** A Checkout Session event (`checkout.session.completed` by default, paid, in `payment` mode). */
export function checkoutSessionEvent(event: CheckoutSessionEvent) {
  return {
    id: event.id ?? `evt_${randomUUID()}`,
    object: 'event',
    type: event.type ?? 'checkout.session.completed',
    created: event.created ?? ++eventSecond,
    livemode: false,
    data: {
      object: {
        id: event.sessionId ?? `cs_test_${randomUUID()}`,
        object: 'checkout.session',
        mode: event.mode ?? 'payment',
        status: 'complete',
        payment_status: event.paymentStatus ?? 'paid',
        amount_total: event.amountTotal ?? 500,
        currency: 'usd',
        customer: null,
        payment_intent: `pi_${randomUUID().slice(0, 12)}`,
        client_reference_id: event.metadata['accountId'] ?? null,
        metadata: event.metadata,
      },
    },
  };
}

/**
 * A stand-in for Stripe's `POST /v1/checkout/sessions` on a free 127.0.0.1 port: records each
 * form it is sent and answers the session `sessionId`. Pass `url` as STRIPE_API_URL.
 */
export async function fakeStripeCheckout(sessionId: string) {
  const checkouts: URLSearchParams[] = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    checkouts.push(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ id: sessionId, url: `https://checkout.stripe.test/c/pay/${sessionId}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    checkouts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
