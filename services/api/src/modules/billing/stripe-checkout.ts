/**
 * Reads a one-time purchase from Stripe's Checkout events (the mapping documented on
 * billing.stripeWebhook; https://docs.stripe.com/payments/checkout/fulfill-orders):
 * - only sessions in `payment` mode: a `subscription` session's subscription arrives through the
 *   `customer.subscription.*` events;
 * - the account, product, plan and plugin: the session's `metadata` (`accountId`, `product`,
 *   `plan`, `subject`), as the API's checkout sets them (kernel/payments);
 * - the state: `checkout.session.completed` with `payment_status` `paid` (or
 *   `no_payment_required`) is paid, with `unpaid` pending (an asynchronous payment method, e.g. a
 *   bank debit, settles later); `checkout.session.async_payment_succeeded` is paid,
 *   `checkout.session.async_payment_failed` failed.
 * Only the fields read here are checked; Stripe adds fields at will.
 */
import type { CommonQueryMethods } from 'slonik';
import Type from 'typebox';
import { Compile } from 'typebox/compile';
import { findPlan, type PurchaseStatus, type StripePurchaseState } from '../../kernel/metering/index.ts';
import { isStorableText } from '../../kernel/text.ts';
import { metadataAccountId, metadataSubject, NOT_A_SUBJECT } from './stripe-metadata.ts';

export const CHECKOUT_EVENTS = new Set([
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
]);

const StripeCheckoutSession = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 255 }),
  mode: Type.String(),
  payment_status: Type.Enum(['paid', 'unpaid', 'no_payment_required']),
  metadata: Type.Optional(Type.Union([Type.Record(Type.String(), Type.String()), Type.Null()])),
  amount_total: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 2 ** 53 - 1 }), Type.Null()])),
  currency: Type.Optional(Type.Union([Type.String({ pattern: '^[A-Za-z]{3}$' }), Type.Null()])),
  payment_intent: Type.Optional(
    Type.Union([
      Type.String({ maxLength: 255 }),
      Type.Object({ id: Type.String({ maxLength: 255 }) }),
      Type.Null(),
    ]),
  ),
});

const checkSession = Compile(StripeCheckoutSession);

function statusOf(type: string, paymentStatus: string): PurchaseStatus {
  if (type === 'checkout.session.async_payment_succeeded') return 'paid';
  if (type === 'checkout.session.async_payment_failed') return 'failed';
  return paymentStatus === 'unpaid' ? 'pending' : 'paid';
}

export type MappedPurchase = { state: StripePurchaseState } | { ignored: string };

/** The purchase state a Checkout event asks for, or why it does not apply. */
export async function mapStripeCheckout(
  db: CommonQueryMethods,
  object: unknown,
  event: { type: string; created: number },
): Promise<MappedPurchase> {
  if (!checkSession.Check(object)) return { ignored: 'not a Stripe Checkout session object' };
  // A signed event is still input: text PostgreSQL cannot store is refused here, not by the database.
  const intent = object.payment_intent;
  const intentId = typeof intent === 'string' ? intent : (intent?.id ?? null);
  const texts = [object.id, intentId ?? '', ...Object.values(object.metadata ?? {})];
  if (!texts.every(isStorableText))
    return { ignored: 'text that cannot be stored (U+0000, lone surrogates)' };
  if (object.mode !== 'payment') {
    return { ignored: `a ${object.mode} session: its subscription events apply it` };
  }
  const accountId = metadataAccountId(object.metadata);
  if (!accountId) return { ignored: 'no metadata.accountId' };
  const { product, plan } = object.metadata ?? {};
  const purchased = product && plan ? await findPlan(db, product, plan) : null;
  if (!purchased) return { ignored: 'no known metadata product and plan' };
  const subject = metadataSubject(purchased, object.metadata);
  if (subject === null) return { ignored: NOT_A_SUBJECT };
  return {
    state: {
      accountId,
      product: purchased.product,
      plan: purchased.plan,
      subject,
      status: statusOf(event.type, object.payment_status),
      amount: object.amount_total ?? null,
      currency: object.currency ? object.currency.toUpperCase() : null,
      stripeCheckoutSessionId: object.id,
      stripePaymentIntentId: intentId,
      // event.created is bounded by the contract (LAST_RFC3339_SECOND), so this is a valid date.
      eventAt: new Date(event.created * 1000).toISOString(),
    },
  };
}
