/**
 * Subscriptions' SQL (docs/architecture.md, Plans and subscriptions), one function per statement:
 * one row per (account, product, subject), subject '' for the whole product or a plugin id. The
 * row keeps the plan that was bought and Stripe's lifecycle; which plan quotas apply is derived
 * from them by platform.current_plan.
 */
import { billing } from '@yorozu/contract';
import { type CommonQueryMethods, type FragmentSqlToken, sql } from 'slonik';
import { rowType } from '../../db/row-type.ts';
import { afterPosition, type Position } from '../pagination.ts';

const SubscriptionRow = rowType(billing.Subscription);

/** Set to cancel at period end, and the period is over: ended, whatever Stripe has not said yet. */
const periodOver = sql.fragment`(cancel_at_period_end AND current_period_end <= now())`;

/**
 * The API's view of a row: a subscription whose cancel-at-period-end came due reads `canceled`
 * from its period's end on (the rule current_plan applies to quotas), before Stripe's
 * `customer.subscription.deleted` writes it into the row. `canceledAt` is, as at Stripe, when
 * the cancellation was asked for.
 */
const subscriptionColumns = sql.fragment`
  id, account_id AS "accountId", product, NULLIF(subject, '') AS subject, plan,
  CASE WHEN status IN ('active', 'trialing', 'past_due') AND ${periodOver} THEN 'canceled' ELSE status END AS status,
  cancel_at_period_end AS "cancelAtPeriodEnd", trial_end AS "trialEnd",
  current_period_start AS "currentPeriodStart", current_period_end AS "currentPeriodEnd",
  canceled_at AS "canceledAt",
  stripe_customer_id AS "stripeCustomerId", stripe_subscription_id AS "stripeSubscriptionId",
  created_at AS "createdAt", updated_at AS "updatedAt"
`;

export interface SubscriptionKey {
  accountId: string;
  product: string;
  /** A plugin id, or '' for the whole product. */
  subject: string;
}

/**
 * Puts the account (or one plugin of it) on a plan, active from now, keeping Stripe's ids. Null
 * when the account does not exist (selected through RLS, so it must be the bound one).
 */
export function setSubscriptionPlan(db: CommonQueryMethods, key: SubscriptionKey, plan: string) {
  return db.maybeOne(sql.type(SubscriptionRow)`
    INSERT INTO platform.subscriptions (account_id, product, subject, plan)
    SELECT id, ${key.product}, ${key.subject}, ${plan} FROM platform.accounts WHERE id = ${key.accountId}
    ON CONFLICT (account_id, product, subject) DO UPDATE SET
      plan = EXCLUDED.plan, status = 'active', cancel_at_period_end = false, canceled_at = NULL, updated_at = now()
    RETURNING ${subscriptionColumns}
  `);
}

export interface StartedSubscription {
  plan: string;
  status: 'active' | 'trialing';
  trialEnd: string | null;
  currentPeriodStart: string | null;
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean;
}

/**
 * Starts (or starts again) a subscription the API grants itself, without a payment provider: a
 * free plugin, or a trial. Stripe's ids stay, so a later Stripe event still finds the row. Null
 * when the account does not exist (selected through RLS, so it must be the bound one).
 */
export function startSubscription(db: CommonQueryMethods, key: SubscriptionKey, start: StartedSubscription) {
  return db.maybeOne(sql.type(SubscriptionRow)`
    INSERT INTO platform.subscriptions (account_id, product, subject, plan, status, trial_end, current_period_start,
                                        current_period_end, cancel_at_period_end)
    SELECT id, ${key.product}, ${key.subject}, ${start.plan}, ${start.status}, ${start.trialEnd}::timestamptz,
           ${start.currentPeriodStart}::timestamptz, ${start.currentPeriodEnd}::timestamptz, ${start.cancelAtPeriodEnd}
    FROM platform.accounts WHERE id = ${key.accountId}
    ON CONFLICT (account_id, product, subject) DO UPDATE SET
      plan = EXCLUDED.plan, status = EXCLUDED.status, trial_end = EXCLUDED.trial_end,
      current_period_start = EXCLUDED.current_period_start, current_period_end = EXCLUDED.current_period_end,
      cancel_at_period_end = EXCLUDED.cancel_at_period_end, canceled_at = NULL, updated_at = now()
    RETURNING ${subscriptionColumns}
  `);
}

export interface StripeSubscriptionState extends SubscriptionKey {
  plan: string;
  status: string;
  cancelAtPeriodEnd: boolean;
  trialEnd: string | null;
  currentPeriodStart: string | null;
  currentPeriodEnd: string | null;
  canceledAt: string | null;
  stripeCustomerId: string | null;
  stripeSubscriptionId: string;
  /** The event's `created` time. */
  eventAt: string;
}

/**
 * Applies Stripe's view of a subscription. Null when the account does not
 * exist, or when a newer event was applied already (Stripe does not order
 * deliveries, so an older one arriving late must not undo it).
 */
export function applyStripeSubscription(db: CommonQueryMethods, state: StripeSubscriptionState) {
  return db.maybeOne(sql.type(SubscriptionRow)`
    INSERT INTO platform.subscriptions (account_id, product, subject, plan, status, cancel_at_period_end, trial_end,
                                        current_period_start, current_period_end, canceled_at,
                                        stripe_customer_id, stripe_subscription_id, stripe_event_at)
    SELECT id, ${state.product}, ${state.subject}, ${state.plan}, ${state.status}, ${state.cancelAtPeriodEnd},
           ${state.trialEnd}::timestamptz, ${state.currentPeriodStart}::timestamptz,
           ${state.currentPeriodEnd}::timestamptz, ${state.canceledAt}::timestamptz,
           ${state.stripeCustomerId}, ${state.stripeSubscriptionId}, ${state.eventAt}::timestamptz
    FROM platform.accounts WHERE id = ${state.accountId}
    ON CONFLICT (account_id, product, subject) DO UPDATE SET
      plan = EXCLUDED.plan, status = EXCLUDED.status, cancel_at_period_end = EXCLUDED.cancel_at_period_end,
      trial_end = EXCLUDED.trial_end, current_period_start = EXCLUDED.current_period_start,
      current_period_end = EXCLUDED.current_period_end, canceled_at = EXCLUDED.canceled_at,
      stripe_customer_id = EXCLUDED.stripe_customer_id, stripe_subscription_id = EXCLUDED.stripe_subscription_id,
      stripe_event_at = EXCLUDED.stripe_event_at, updated_at = now()
    WHERE subscriptions.stripe_event_at IS NULL OR subscriptions.stripe_event_at <= EXCLUDED.stripe_event_at
    RETURNING ${subscriptionColumns}
  `);
}

function productFilter(product: string | undefined): FragmentSqlToken {
  return product === undefined ? sql.fragment`` : sql.fragment`AND product = ${product}`;
}

export function listSubscriptions(
  db: CommonQueryMethods,
  accountId: string,
  product: string | undefined,
  after: Position | null,
  take: number,
) {
  return db.any(sql.type(SubscriptionRow)`
    SELECT ${subscriptionColumns} FROM platform.subscriptions
    WHERE account_id = ${accountId} ${productFilter(product)} ${afterPosition(after)}
    ORDER BY created_at DESC, id DESC
    LIMIT ${take}
  `);
}

/** The account's subscription; null for an id it does not have (another account's included). */
export function findSubscription(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(SubscriptionRow)`
    SELECT ${subscriptionColumns} FROM platform.subscriptions WHERE account_id = ${accountId} AND id = ${id}
  `);
}

/** The subscription for one subject of a product; null when the account has none. */
export function findSubscriptionOf(db: CommonQueryMethods, key: SubscriptionKey) {
  return db.maybeOne(sql.type(SubscriptionRow)`
    SELECT ${subscriptionColumns} FROM platform.subscriptions
    WHERE account_id = ${key.accountId} AND product = ${key.product} AND subject = ${key.subject}
  `);
}

/** Sets the subscription to end with its current period. */
export function cancelAtPeriodEnd(db: CommonQueryMethods, accountId: string, id: string) {
  return db.one(sql.type(SubscriptionRow)`
    UPDATE platform.subscriptions SET cancel_at_period_end = true, canceled_at = now(), updated_at = now()
    WHERE account_id = ${accountId} AND id = ${id}
    RETURNING ${subscriptionColumns}
  `);
}

/** Ends a subscription now: for one without a billing period, whose period end never comes. */
export function endSubscription(db: CommonQueryMethods, accountId: string, id: string) {
  return db.one(sql.type(SubscriptionRow)`
    UPDATE platform.subscriptions
    SET status = 'canceled', canceled_at = now(), updated_at = now()
    WHERE account_id = ${accountId} AND id = ${id}
    RETURNING ${subscriptionColumns}
  `);
}
