/**
 * One-time purchases and the quota grants they make (docs/architecture.md, Quota allowances): a
 * plan bought once (Stripe Checkout in `payment` mode) is a purchase, not a subscription. When it
 * is paid it grants its plan's limits, once, to the period (of each metric) it was paid in, on the
 * subject it raises: the base subject when the bought one is an add-on (platform.quota_addons),
 * else the bought subject itself. A grant does not renew.
 */
import { type CommonQueryMethods, sql } from 'slonik';
import Type from 'typebox';
import { rowType } from '../../db/row-type.ts';

export type PurchaseStatus = 'pending' | 'paid' | 'failed';

export interface StripePurchaseState {
  accountId: string;
  product: string;
  plan: string;
  /** The plugin bought, for a product sold per plugin; '' otherwise. */
  subject: string;
  /** `pending` until an asynchronous payment method settles; then `paid` or `failed`, never back. */
  status: PurchaseStatus;
  /** Integer minor units of `currency`; null when the provider did not say. */
  amount: number | null;
  /** ISO 4217, upper case. */
  currency: string | null;
  stripeCheckoutSessionId: string;
  stripePaymentIntentId: string | null;
  /** The event's `created` time: for a paid purchase, the moment whose periods its grants are for. */
  eventAt: string;
}

const PurchaseRow = rowType(
  Type.Object({ id: Type.String(), status: Type.Enum(['pending', 'paid', 'failed']) }),
);

const GrantRow = rowType(
  Type.Object({
    metric: Type.String(),
    subject: Type.String(),
    amount: Type.Number(),
    periodStart: Type.String(),
  }),
);

/**
 * Records the purchase's new state, once: a pending purchase becomes paid or failed, a settled one
 * never changes again, so a redelivered event, or a second event about the same checkout session
 * (`completed` and then `async_payment_succeeded`, in either order), changes nothing. Null when
 * nothing changed, or the account does not exist (selected through RLS: it must be the bound one).
 * Concurrent deliveries for one session queue on its unique key; the second then finds it settled.
 */
function recordPurchase(db: CommonQueryMethods, state: StripePurchaseState) {
  return db.maybeOne(sql.type(PurchaseRow)`
    INSERT INTO platform.purchases (account_id, product, plan, subject, status, amount, currency,
                                    stripe_checkout_session_id, stripe_payment_intent_id, paid_at)
    SELECT id, ${state.product}, ${state.plan}, ${state.subject}, ${state.status}, ${state.amount}::bigint,
           ${state.currency}, ${state.stripeCheckoutSessionId}, ${state.stripePaymentIntentId},
           CASE WHEN ${state.status} = 'paid' THEN ${state.eventAt}::timestamptz END
    FROM platform.accounts WHERE id = ${state.accountId}
    ON CONFLICT (stripe_checkout_session_id) DO UPDATE SET
      status = EXCLUDED.status, paid_at = EXCLUDED.paid_at,
      amount = COALESCE(EXCLUDED.amount, purchases.amount),
      currency = COALESCE(EXCLUDED.currency, purchases.currency),
      stripe_payment_intent_id = COALESCE(EXCLUDED.stripe_payment_intent_id, purchases.stripe_payment_intent_id),
      updated_at = now()
    WHERE purchases.status = 'pending' AND EXCLUDED.status <> 'pending'
    RETURNING id, status
  `);
}

/**
 * The grants of a paid purchase: one per metric its plan limits (an unlimited limit grants
 * nothing: a grant is a number), to the period of the metric that contains the payment. Unique
 * per (purchase, metric), so it cannot be granted twice.
 */
function grantPurchase(db: CommonQueryMethods, accountId: string, purchaseId: string) {
  return db.any(sql.type(GrantRow)`
    INSERT INTO platform.quota_grants (account_id, product, metric, subject, period_start, amount, purchase_id)
    SELECT p.account_id, p.product, l.metric,
           CASE WHEN m.per = 'account' THEN '' ELSE COALESCE(a.base_subject, p.subject) END,
           platform.quota_period_start(m.period, p.paid_at), l."limit", p.id
    FROM platform.purchases p
    JOIN platform.plan_limits l ON l.product = p.product AND l.plan = p.plan AND l."limit" > 0
    JOIN platform.metrics m ON m.product = l.product AND m.metric = l.metric
    LEFT JOIN platform.quota_addons a ON a.product = p.product AND a.subject = p.subject
    WHERE p.account_id = ${accountId} AND p.id = ${purchaseId} AND p.status = 'paid'
    ORDER BY l.metric
    ON CONFLICT (purchase_id, metric) DO NOTHING
    RETURNING metric, subject, amount, period_start AS "periodStart"
  `);
}

export interface AppliedPurchase {
  id: string;
  status: PurchaseStatus;
  /** The allowances this event granted: empty unless it is the one that made the purchase paid. */
  grants: readonly { metric: string; subject: string; amount: number; periodStart: string }[];
}

/**
 * Applies the provider's view of a one-time purchase. Null when it changes nothing (a replay, an
 * event about a purchase already settled) or names no existing account.
 */
export async function applyStripePurchase(
  db: CommonQueryMethods,
  state: StripePurchaseState,
): Promise<AppliedPurchase | null> {
  const purchase = await recordPurchase(db, state);
  if (!purchase) return null;
  const grants = purchase.status === 'paid' ? await grantPurchase(db, state.accountId, purchase.id) : [];
  return { ...purchase, grants };
}

const LimitRow = rowType(
  Type.Object({ metric: Type.String(), limit: Type.Union([Type.Number(), Type.Null()]) }),
);

/**
 * A plan's limits for one subject, raised by what the entitling subscriptions to the subject's
 * add-ons add (platform.addon_allowance), without the current period's one-time grants: the limits
 * that hold from one period to the next, as a licence states them. Null = unlimited.
 */
export async function standingLimits(
  db: CommonQueryMethods,
  accountId: string,
  product: string,
  subject: string,
  plan: string,
): Promise<Record<string, number | null>> {
  const rows = await db.any(sql.type(LimitRow)`
    SELECT l.metric, l."limit" + platform.addon_allowance(${accountId}, l.product, l.metric, ${subject}) AS "limit"
    FROM platform.plan_limits l
    WHERE l.product = ${product} AND l.plan = ${plan}
    ORDER BY l.metric
  `);
  return Object.fromEntries(rows.map((row) => [row.metric, row.limit]));
}
