/**
 * Quotas and usage (docs/architecture.md, Quotas and metering): the caller's consumption
 * of every metered metric in the current period, and the append-only ledger
 * of spends and refunds behind it.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, named, Page, PageQuery, StringEnum, Timestamp, Uuid } from '../schema.ts';
import { PlanName, PRODUCTS, Product } from './billing.ts';

const MetricName = Type.String({
  minLength: 1,
  maxLength: 40,
  pattern: '^[a-z][a-z0-9-]*$',
  description: 'A metric of the product, e.g. `credits` (studio), `images` (stickers).',
});

const Subject = Type.Union([Type.String(), Type.Null()], {
  description: 'The plugin id of a per-plugin metric; null for account-wide metrics.',
});

const usageMetricExample = {
  product: 'studio' as const,
  metric: 'credits',
  per: 'account' as const,
  subject: null,
  period: 'month' as const,
  plan: 'free',
  limit: 5,
  used: 2,
  remaining: 3,
  resetsAt: '2026-12-01T00:00:00.000Z',
};

export const UsageMetric = named(
  'UsageMetric',
  Type.Object({
    product: Product,
    metric: MetricName,
    per: StringEnum(['account', 'plugin'], {
      description: 'One counter for the account, or one per plugin (`subject`).',
    }),
    subject: Type.Union([Type.String(), Type.Null()], {
      description:
        'The plugin id, for a per-plugin metric. Null for account-wide metrics; on a per-plugin metric, null stands for every plugin not listed (nothing used yet this period).',
    }),
    period: StringEnum(['day', 'month'], {
      description: 'Counters reset at 00:00 UTC each day, or on the 1st of each month.',
    }),
    plan: PlanName,
    limit: Type.Union([Type.Integer(), Type.Null()], {
      description: "The plan's limit for the period; null when unlimited.",
    }),
    used: Type.Integer({ minimum: 0, description: 'How much the period has used so far.' }),
    remaining: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description: 'Null when unlimited.',
    }),
    resetsAt: Timestamp,
  }),
  {
    description: "One metered metric of one product: the caller's plan limit and use in the current period.",
    example: usageMetricExample,
  },
);

export const UsageSummary = named(
  'UsageSummary',
  Type.Object({
    data: Type.Array(UsageMetric, {
      description:
        'Every metric of every product, by product and metric; not paginated (one entry per metric, plus one per plugin used this period).',
    }),
  }),
  {
    description: 'The current period of every metered metric.',
    example: { data: [usageMetricExample] },
  },
);

const ledgerEntryExample = {
  id: '3f2e1d0c-9b8a-4765-8432-10fedcba9876',
  product: 'studio' as const,
  metric: 'credits',
  subject: null,
  kind: 'spend' as const,
  amount: 1,
  reason: 'studio.characters.generate',
  referenceId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  refundOf: null,
  periodStart: '2026-11-01T00:00:00.000Z',
  createdAt: '2026-11-23T09:00:00.000Z',
};

export const UsageLedgerEntry = named(
  'UsageLedgerEntry',
  Type.Object({
    id: Id("The ledger entry's id."),
    product: Product,
    metric: MetricName,
    subject: Subject,
    kind: StringEnum(
      ['spend', 'refund'],
      { description: 'Which way the quota moved.' },
      {
        spend: 'Quota used by a request.',
        refund: 'Quota given back, e.g. for a failed or canceled job.',
      },
    ),
    amount: Type.Integer({ description: 'Positive for a spend, negative for a refund.' }),
    reason: Type.String({ description: 'What the quota paid for, e.g. the operation id.' }),
    referenceId: Type.Union([Type.String(), Type.Null()], {
      description: 'The resource the spend is about, e.g. a job id.',
    }),
    refundOf: Type.Union([Uuid, Type.Null()], {
      description: 'The spend a refund gives back; each at most once.',
    }),
    periodStart: Timestamp,
    createdAt: Timestamp,
  }),
  { description: 'One spend or refund of quota. Append-only.', example: ledgerEntryExample },
);

export const UsageLedgerList = Page('UsageLedgerList', UsageLedgerEntry, ledgerEntryExample);

export const list = defineOperation({
  operationId: 'usage.list',
  method: 'GET',
  path: '/v1/usage',
  tag: 'usage',
  summary: 'Show the current period of every metered metric',
  description:
    'For each product the caller is subscribed to (the free plan when not): limit, used, remaining and `resetsAt`.',
  auth: { scope: 'usage:read' },
  success: { status: 200, description: 'Every metric.', schema: UsageSummary },
});

export const ledgerList = defineOperation({
  operationId: 'usage.ledger.list',
  method: 'GET',
  path: '/v1/usage/ledger',
  tag: 'usage',
  summary: 'List spends and refunds of quota, newest first',
  description: 'The append-only record behind `GET /v1/usage`, filtered by product, metric and time.',
  auth: { scope: 'usage:read' },
  query: PageQuery({
    product: Type.Optional(
      StringEnum([...PRODUCTS], { description: "Only this product's entries.", examples: ['studio'] }),
    ),
    metric: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 40,
        pattern: '^[a-z][a-z0-9-]*$',
        description: "Only this metric's entries, e.g. `credits` (studio), `images` (stickers).",
        examples: ['credits'],
      }),
    ),
    from: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'Entries created at or after this time.',
        examples: ['2026-11-01T00:00:00Z'],
      }),
    ),
    to: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'Entries created before this time.',
        examples: ['2026-12-01T00:00:00Z'],
      }),
    ),
  }),
  success: { status: 200, description: 'A page of entries.', schema: UsageLedgerList },
});
