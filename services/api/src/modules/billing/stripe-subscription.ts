/**
 * Reads the plan a Stripe subscription buys (the mapping documented on
 * billing.stripeWebhook):
 * - the account: `metadata.accountId` of the subscription;
 * - the plan: the first item's `price.lookup_key`, matched against
 *   platform.plans.stripe_lookup_key (`<product>_<plan>`, e.g. `studio_basic`),
 *   else `metadata.product` + `metadata.plan`;
 * - the subject: for a product sold per plugin, `metadata.subject` (the plugin id; without it the
 *   subscription covers the whole product); '' for the others, whatever the metadata says;
 * - the lifecycle: status (`canceled` once deleted), `cancel_at_period_end`, `trial_end`,
 *   `canceled_at` and the billing period, as Stripe states them. The row keeps the plan bought;
 *   platform.current_plan decides whether that status still entitles to it.
 * Only the fields read here are checked; Stripe adds fields at will.
 */
import { LAST_RFC3339_SECOND } from '@yorozu/contract';
import type { CommonQueryMethods } from 'slonik';
import Type, { type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { validationFailed } from '../../kernel/errors.ts';
import {
  findPlan,
  findPlanByStripeLookupKey,
  type StripeSubscriptionState,
} from '../../kernel/metering/index.ts';
import { metadataAccountId, metadataSubject, NOT_A_SUBJECT } from './stripe-metadata.ts';

const UnixSeconds = Type.Integer({ minimum: 0 });

const StripeSubscription = Type.Object({
  id: Type.String({ minLength: 1 }),
  customer: Type.Optional(Type.Union([Type.String(), Type.Object({ id: Type.String() }), Type.Null()])),
  status: Type.Enum([
    'active',
    'trialing',
    'past_due',
    'canceled',
    'unpaid',
    'incomplete',
    'incomplete_expired',
    'paused',
  ]),
  metadata: Type.Optional(Type.Record(Type.String(), Type.String())),
  cancel_at_period_end: Type.Optional(Type.Boolean()),
  trial_end: Type.Optional(Type.Union([UnixSeconds, Type.Null()])),
  canceled_at: Type.Optional(Type.Union([UnixSeconds, Type.Null()])),
  // Stripe API versions before 2025-03-31 put the billing period on the subscription, later ones on its items.
  current_period_start: Type.Optional(UnixSeconds),
  current_period_end: Type.Optional(UnixSeconds),
  items: Type.Optional(
    Type.Object({
      data: Type.Array(
        Type.Object({
          price: Type.Optional(
            Type.Object({ lookup_key: Type.Optional(Type.Union([Type.String(), Type.Null()])) }),
          ),
          current_period_start: Type.Optional(UnixSeconds),
          current_period_end: Type.Optional(UnixSeconds),
        }),
      ),
    }),
  ),
});

const checkSubscription = Compile(StripeSubscription);

/**
 * The RFC 3339 form of a Stripe timestamp. A signed event is still input: a period no RFC 3339
 * date can hold is refused by name (a 400), rather than failing in `Date` or PostgreSQL.
 */
function isoFromUnix(seconds: number | null | undefined, path: string): string | null {
  if (seconds === undefined || seconds === null) return null;
  if (seconds > LAST_RFC3339_SECOND) throw validationFailed(path, `must be <= ${LAST_RFC3339_SECOND}`);
  return new Date(seconds * 1000).toISOString();
}

type PeriodField = 'current_period_start' | 'current_period_end';

/** A billing period bound: on the subscription (API versions before 2025-03-31) or on its first item. */
function periodBound(subscription: Static<typeof StripeSubscription>, field: PeriodField) {
  if (subscription[field] !== undefined)
    return isoFromUnix(subscription[field], `/body/data/object/${field}`);
  return isoFromUnix(subscription.items?.data[0]?.[field], `/body/data/object/items/data/0/${field}`);
}

async function purchasedPlan(db: CommonQueryMethods, subscription: Static<typeof StripeSubscription>) {
  const lookupKey = subscription.items?.data[0]?.price?.lookup_key;
  const byLookupKey = lookupKey ? await findPlanByStripeLookupKey(db, lookupKey) : null;
  if (byLookupKey) return byLookupKey;
  const { product, plan } = subscription.metadata ?? {};
  return product && plan ? findPlan(db, product, plan) : null;
}

export type MappedSubscription = { state: StripeSubscriptionState } | { ignored: string };

/** The subscription state an event asks for, or why it cannot be applied. */
export async function mapStripeSubscription(
  db: CommonQueryMethods,
  object: unknown,
  event: { type: string; created: number },
): Promise<MappedSubscription> {
  if (!checkSubscription.Check(object)) return { ignored: 'not a Stripe subscription object' };
  const accountId = metadataAccountId(object.metadata);
  if (!accountId) return { ignored: 'no metadata.accountId' };
  const purchased = await purchasedPlan(db, object);
  if (!purchased) return { ignored: 'no known price lookup_key or metadata product and plan' };
  const subject = metadataSubject(purchased, object.metadata);
  if (subject === null) return { ignored: NOT_A_SUBJECT };
  const deleted = event.type === 'customer.subscription.deleted';
  const customer = object.customer;
  return {
    state: {
      accountId,
      product: purchased.product,
      subject,
      plan: purchased.plan,
      status: deleted ? 'canceled' : object.status,
      cancelAtPeriodEnd: object.cancel_at_period_end ?? false,
      trialEnd: isoFromUnix(object.trial_end, '/body/data/object/trial_end'),
      currentPeriodStart: periodBound(object, 'current_period_start'),
      currentPeriodEnd: periodBound(object, 'current_period_end'),
      // A deleted subscription has ended even if the event's object does not say when: at the event.
      canceledAt: isoFromUnix(
        object.canceled_at ?? (deleted ? event.created : null),
        '/body/data/object/canceled_at',
      ),
      stripeCustomerId: typeof customer === 'string' ? customer : (customer?.id ?? null),
      stripeSubscriptionId: object.id,
      eventAt: new Date(event.created * 1000).toISOString(),
    },
  };
}
