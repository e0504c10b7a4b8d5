/**
 * Plans and subscriptions (docs/architecture.md, Quotas and metering): which plan of each product an account
 * is on, changed by Stripe through its webhook or by an admin. The plan
 * catalogue itself is data (platform.plans and platform.plan_limits).
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, LAST_RFC3339_SECOND, named, StringEnum, Timestamp } from '../schema.ts';

export const PRODUCTS = ['studio', 'speak', 'nex', 'stickers', 'miyabi'] as const;

export const Product = StringEnum([...PRODUCTS], { description: 'A Yorozu product.' });

export const PlanName = Type.String({
  minLength: 1,
  maxLength: 40,
  pattern: '^[a-z][a-z0-9-]*$',
  description: "A plan of the product's catalogue, e.g. `free`, `basic`, `pro`.",
});

export const SubscriptionStatus = StringEnum(
  ['active', 'trialing', 'past_due', 'canceled', 'unpaid', 'incomplete', 'incomplete_expired', 'paused'],
  {
    description:
      "Stripe's status of the subscription (`active` for plans set by an admin). `active`, `trialing` and `past_due` entitle to the plan; the others leave the product on its free plan. A subscription set to cancel at period end reads `canceled` once its period is over.",
  },
  {
    active: 'Paid (or set by an admin); the plan applies.',
    trialing: 'In its free trial until `trialEnd`; the plan applies.',
    past_due: 'A renewal payment failed and Stripe is retrying it; the plan still applies.',
    canceled: 'Ended; the product (or plugin) is on its free plan.',
    unpaid: 'Stripe stopped retrying a failed payment; the free plan applies.',
    incomplete: 'The first payment has not succeeded yet; the free plan applies.',
    incomplete_expired: 'The first payment never succeeded; the free plan applies.',
    paused: 'Paused at Stripe (e.g. a trial ended without a payment method); the free plan applies.',
  },
);

export const subscriptionExample = {
  id: '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a',
  accountId: '0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d',
  product: 'miyabi' as const,
  subject: 'issue-triage',
  plan: 'pro',
  status: 'trialing' as const,
  cancelAtPeriodEnd: false,
  trialEnd: '2026-11-15T00:00:00.000Z',
  currentPeriodStart: '2026-11-01T00:00:00.000Z',
  currentPeriodEnd: '2026-12-01T00:00:00.000Z',
  canceledAt: null,
  stripeCustomerId: 'cus_Q1w2e3r4',
  stripeSubscriptionId: 'sub_1Ab2Cd3Ef4',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-23T09:00:00.000Z',
};

const NullableTimestamp = (description: string) => Type.Union([Timestamp, Type.Null()], { description });

export const Subscription = named(
  'Subscription',
  Type.Object({
    id: Id("The subscription's id."),
    accountId: Id('The id of the account on this plan.'),
    product: Product,
    subject: Type.Union([Type.String(), Type.Null()], {
      description:
        'The plugin this subscription is for, where the product sells one per plugin (`subscribedPer: plugin` in the plan catalogue); null for a subscription to the whole product.',
    }),
    plan: PlanName,
    status: SubscriptionStatus,
    cancelAtPeriodEnd: Type.Boolean({
      description: 'True when the subscription ends at `currentPeriodEnd` instead of renewing.',
    }),
    trialEnd: NullableTimestamp('When the free trial ends (or ended); null without a trial.'),
    currentPeriodStart: NullableTimestamp("Stripe's billing period."),
    currentPeriodEnd: NullableTimestamp("When Stripe's billing period ends; null for plans nobody pays for."),
    canceledAt: NullableTimestamp(
      'When the subscription was canceled: for one that ends at period end, when that was asked for (as at Stripe). Null while not canceled.',
    ),
    stripeCustomerId: Type.Union([Type.String(), Type.Null()], {
      description: "Stripe's customer id (`cus_…`); null for plans set without Stripe.",
    }),
    stripeSubscriptionId: Type.Union([Type.String(), Type.Null()], {
      description: "Stripe's subscription id (`sub_…`); null for plans set without Stripe.",
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  {
    description:
      "An account's plan for one product, or for one plugin of it. Quota limits follow the plan at once.",
    example: subscriptionExample,
  },
);

export const StripeEvent = named(
  'StripeEvent',
  Type.Object(
    {
      id: Type.String({
        minLength: 1,
        maxLength: 255,
        description: "Stripe's event id (`evt_…`); each is applied once.",
      }),
      type: Type.String({
        minLength: 1,
        maxLength: 255,
        description: 'The event type, e.g. `customer.subscription.updated`.',
      }),
      created: Type.Integer({
        minimum: 0,
        maximum: LAST_RFC3339_SECOND,
        description: 'When Stripe created the event, in Unix seconds (up to the end of year 9999).',
      }),
      data: Type.Object(
        {
          object: Type.Object(
            {},
            {
              additionalProperties: true,
              description: 'The Stripe object the event is about, e.g. a subscription.',
            },
          ),
        },
        { additionalProperties: true, description: "The event's payload." },
      ),
    },
    { additionalProperties: true },
  ),
  {
    description: 'A Stripe event, as Stripe sends it; only its signed raw bytes are trusted.',
    example: {
      id: 'evt_1Ab2Cd3Ef4',
      type: 'customer.subscription.updated',
      created: 1795424400,
      data: {
        object: {
          id: 'sub_1Ab2Cd3Ef4',
          customer: 'cus_Q1w2e3r4',
          status: 'active',
          cancel_at_period_end: false,
          metadata: { accountId: '0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d' },
          items: { data: [{ price: { lookup_key: 'studio_basic' } }] },
        },
      },
    },
  },
);

export const StripeWebhookReceipt = named(
  'StripeWebhookReceipt',
  Type.Object({
    outcome: StringEnum(['applied', 'ignored', 'duplicate'], {
      description:
        '`applied`: the subscription or purchase changed; `ignored`: not an event this endpoint applies, not mapped to an account and plan, or about a purchase already settled; `duplicate`: this event id was processed before.',
    }),
  }),
  { description: 'How the event was handled.', example: { outcome: 'applied' } },
);

export const stripeWebhook = defineOperation({
  operationId: 'billing.stripeWebhook',
  method: 'POST',
  path: '/v1/billing/stripe-webhook',
  tag: 'billing',
  summary: 'Receive a Stripe event',
  description: [
    'Called by Stripe, not by clients. The `Stripe-Signature` header must hold `t=<unix seconds>` within 5 minutes',
    'and a `v1=` HMAC-SHA256 of `<t>.<raw body>` under the endpoint secret (`STRIPE_WEBHOOK_SECRET`); otherwise 400',
    'and nothing changes. Without a configured secret the endpoint answers 503. Each event id is applied at most once.',
    '',
    '`customer.subscription.created|updated|deleted` set the plan of `metadata.accountId` (set it on the subscription,',
    'e.g. through Checkout `subscription_data.metadata`): the plan is the one whose Stripe lookup key is the first',
    "item's `price.lookup_key` (`<product>_<plan>`, e.g. `studio_basic`), else `metadata.product` + `metadata.plan`.",
    'Where the product sells one subscription per plugin, `metadata.subject` names the plugin (without it the',
    'subscription covers every plugin). Status, billing period, `cancel_at_period_end`, `trial_end` and `canceled_at`',
    'are copied. A subscription that is not `active`, `trialing` or `past_due`, is deleted, or was set to cancel at',
    'period end and reached it, leaves the account on the free plan.',
    '',
    'One-time purchases (Checkout in `payment` mode) arrive as `checkout.session.completed` (paid when its',
    '`payment_status` is `paid`, pending when `unpaid`), `checkout.session.async_payment_succeeded` and',
    "`checkout.session.async_payment_failed`, mapped from the session's `metadata` (`accountId`, `product`, `plan`,",
    '`subject`). A purchase is recorded once per session and settles once: the event that makes it paid grants the',
    "plan's limits to the month of the payment (to the base plugin for a Miyabi add-on); later events about it change",
    'nothing.',
  ].join('\n'),
  auth: 'public',
  internal: true,
  headers: Type.Object({
    'stripe-signature': Type.String({
      minLength: 1,
      maxLength: 2048,
      description:
        '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, as Stripe sends it (several `v1` while a secret rolls).',
      examples: ['t=1795424400,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd'],
    }),
  }),
  body: StripeEvent,
  // Audit rows name an actor of the account (the account or one of its keys), and Stripe is
  // neither: the binder writes no row for a public call that never acts as an account.
  // platform.stripe_events is this endpoint's record.
  audited: true,
  success: { status: 200, description: 'The event was received.', schema: StripeWebhookReceipt },
});
