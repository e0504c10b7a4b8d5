/**
 * The public plan catalogue (docs/architecture.md, Plans and subscriptions): every product's plans
 * with prices and limits, the one source quotas read too.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { named, StringEnum } from '../schema.ts';
import { PlanName, Product } from './billing.ts';

export const PlanLimit = named(
  'PlanLimit',
  Type.Object({
    metric: Type.String({ description: 'The metered metric, e.g. `minutes`.' }),
    period: StringEnum(['day', 'month'], {
      description: 'The period the limit resets after (UTC calendar).',
    }),
    limit: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description: 'Units per period; null = unlimited, or set per contract on an `enterprise` plan.',
    }),
  }),
  {
    description: 'How much of one metric a plan allows per period.',
    example: { metric: 'seconds', period: 'month', limit: 54000 },
  },
);

const planExample = {
  product: 'speak' as const,
  plan: 'standard',
  tier: 'standard' as const,
  priceAmount: 1200,
  currency: 'USD',
  billingPeriod: 'month' as const,
  trialDays: 7,
  subscribedPer: 'account' as const,
  limits: [{ metric: 'seconds', period: 'month' as const, limit: 54000 }],
};

export const Plan = named(
  'Plan',
  Type.Object({
    product: Product,
    plan: PlanName,
    tier: StringEnum(
      ['free', 'standard', 'enterprise', 'addon'],
      { description: 'What kind of plan it is.' },
      {
        free: 'The plan of every account without a subscription.',
        standard: 'A paid plan.',
        enterprise: 'Priced per contract.',
        addon: 'Bought on top of a plan.',
      },
    ),
    priceAmount: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description: 'The price in minor units of `currency` (cents for USD); null = per contract.',
    }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code.' }),
    billingPeriod: StringEnum(['month', 'year', 'one_time'], {
      description: 'How often the price is charged.',
    }),
    trialDays: Type.Integer({ minimum: 0, description: 'Free days before the first charge; 0 for none.' }),
    subscribedPer: StringEnum(['account', 'plugin'], {
      description:
        '`plugin`: one subscription (and one set of quotas) per plugin; `account`: one per product.',
    }),
    limits: Type.Array(PlanLimit, { description: "The plan's limit for each metric its product meters." }),
  }),
  { description: 'One plan of a product, with its price and limits.', example: planExample },
);

export const PlanCatalogue = named(
  'PlanCatalogue',
  Type.Object({
    data: Type.Array(Plan, { description: 'Every plan, by product, then cheapest first, add-ons last.' }),
  }),
  { description: 'The plan catalogue.', example: { data: [planExample] } },
);

export const list = defineOperation({
  operationId: 'plans.list',
  method: 'GET',
  path: '/v1/plans',
  tag: 'plans',
  summary: 'List every plan with its price and limits',
  description: 'The whole catalogue (it is small, so it comes in one response), for a pricing page or a CLI.',
  auth: 'optional',
  query: Type.Object(
    {
      product: Type.Optional({ ...Product, description: "Only this product's plans.", examples: ['speak'] }),
    },
    { additionalProperties: false },
  ),
  success: { status: 200, description: 'The catalogue.', schema: PlanCatalogue },
});
