/**
 * Applies Stripe subscription events to platform.subscriptions, and Checkout events of one-time
 * purchases to platform.purchases and the quota grants they make: verified over the raw bytes
 * first, each event id at most once, and the account's quotas follow the new plan, status or
 * grant from the next spend on.
 */
import type { billing } from '@yorozu/contract';
import type { FastifyBaseLogger } from 'fastify';
import type { CommonQueryMethods } from 'slonik';
import type { Static } from 'typebox';
import { DomainError } from '../../kernel/errors.ts';
import { applyStripePurchase, applyStripeSubscription } from '../../kernel/metering/index.ts';
import { assertStripeSignature, recordStripeEvent } from '../../kernel/payments/index.ts';
import { CHECKOUT_EVENTS, mapStripeCheckout } from './stripe-checkout.ts';
import { mapStripeSubscription } from './stripe-subscription.ts';

const SUBSCRIPTION_EVENTS = new Set([
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
]);

type Receipt = Static<typeof billing.StripeWebhookReceipt>;

export interface StripeDelivery {
  rawBody: Buffer;
  /** Required by the operation's header schema, so present here. */
  signature: string;
  event: Static<typeof billing.StripeEvent>;
}

const UNCONFIGURED_RETRY_AFTER_SECONDS = 300;

export interface WebhookContext {
  db: CommonQueryMethods;
  withAccount<T>(accountId: string, fn: () => Promise<T>): Promise<T>;
  log: FastifyBaseLogger;
  secret: string | null;
  nowMs: number;
}

export async function receiveStripeEvent(
  context: WebhookContext,
  delivery: StripeDelivery,
): Promise<Receipt> {
  const { db, log, secret } = context;
  if (!secret) {
    throw new DomainError(
      'unavailable',
      'Stripe webhooks are not configured on this server: set STRIPE_WEBHOOK_SECRET to the endpoint secret.',
      // Every 503 says when to come back; configuring the secret takes an operator, not a second.
      { retryAfter: UNCONFIGURED_RETRY_AFTER_SECONDS },
    );
  }
  assertStripeSignature(delivery.rawBody, delivery.signature, secret, context.nowMs);
  const { event } = delivery;
  if (!(await recordStripeEvent(db, event.id, event.type))) return { outcome: 'duplicate' };
  if (CHECKOUT_EVENTS.has(event.type)) return receivePurchase(context, event);
  if (!SUBSCRIPTION_EVENTS.has(event.type)) return { outcome: 'ignored' };
  const mapped = await mapStripeSubscription(db, event.data.object, event);
  if ('ignored' in mapped) {
    log.warn({ stripeEventId: event.id, reason: mapped.ignored }, 'Stripe subscription event ignored');
    return { outcome: 'ignored' };
  }
  const { state } = mapped;
  const applied = await context.withAccount(state.accountId, () => applyStripeSubscription(db, state));
  if (!applied) {
    log.warn(
      { stripeEventId: event.id },
      'Stripe subscription event ignored: unknown account or a newer event applied',
    );
    return { outcome: 'ignored' };
  }
  return { outcome: 'applied' };
}

/**
 * A Checkout event of a one-time purchase: recorded (pending, paid or failed), and its grants made
 * by the event that makes it paid, once (docs/architecture.md, Quota allowances).
 */
async function receivePurchase(context: WebhookContext, event: StripeDelivery['event']): Promise<Receipt> {
  const { db, log } = context;
  const mapped = await mapStripeCheckout(db, event.data.object, event);
  if ('ignored' in mapped) {
    log.warn({ stripeEventId: event.id, reason: mapped.ignored }, 'Stripe checkout event ignored');
    return { outcome: 'ignored' };
  }
  const { state } = mapped;
  const applied = await context.withAccount(state.accountId, () => applyStripePurchase(db, state));
  if (!applied) {
    log.warn(
      { stripeEventId: event.id, session: state.stripeCheckoutSessionId },
      'Stripe checkout event ignored: unknown account, or the purchase was settled before',
    );
    return { outcome: 'ignored' };
  }
  log.info(
    { stripeEventId: event.id, purchase: applied.id, status: applied.status, grants: applied.grants.length },
    'Stripe checkout event applied',
  );
  return { outcome: 'applied' };
}
