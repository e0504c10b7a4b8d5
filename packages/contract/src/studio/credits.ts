import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, named, Page, PageQuery, Timestamp, Uuid } from '../schema.ts';

/**
 * Credits are the original design's `user_credits` (monthly_quota,
 * used_this_month, reset_date; docs/products/studio.md), served from the kernel's `studio`/`credits` quota; one credit
 * pays for one generation batch. `credit_transactions` is the audit log
 * of batches that were generated.
 */
export const Credits = named(
  'Credits',
  Type.Object({
    plan: Type.String({ description: 'The studio plan: `free`, `basic` or `pro`.' }),
    monthlyQuota: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description: 'Credits per month; null when unlimited.',
    }),
    usedThisMonth: Type.Integer({
      minimum: 0,
      description: 'Credits spent since the 1st of the month (UTC).',
    }),
    remaining: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description: 'Null when unlimited.',
    }),
    resetDate: Timestamp,
  }),
  {
    description: 'Studio credits for the current month. One generation batch costs one credit.',
    example: {
      plan: 'free',
      monthlyQuota: 5,
      usedThisMonth: 2,
      remaining: 3,
      resetDate: '2026-12-01T00:00:00.000Z',
    },
  },
);

const creditTransactionExample = {
  id: '8e7d6c5b-4a39-4281-9f0e-d1c2b3a49586',
  characterId: '3f6c2a9e-8d41-4b7a-9c15-2e0d7b6a4f31',
  batchId: '6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d',
  differencesGenerated: 5,
  creditsUsed: 1,
  createdAt: '2026-11-23T09:00:05.000Z',
};

export const CreditTransaction = named(
  'CreditTransaction',
  Type.Object({
    id: Id("The credit transaction's id."),
    characterId: Type.Union([Uuid, Type.Null()], { description: 'Null once the character is deleted.' }),
    batchId: Type.Union([Uuid, Type.Null()], { description: 'Null once the character is deleted.' }),
    differencesGenerated: Type.Integer({ minimum: 1, description: 'Expressions the batch drew.' }),
    creditsUsed: Type.Integer({ minimum: 1, description: 'Credits the batch cost (one per batch).' }),
    createdAt: Timestamp,
  }),
  {
    description: 'One completed generation batch and the credits it used.',
    example: creditTransactionExample,
  },
);

export const CreditTransactionList = Page(
  'CreditTransactionList',
  CreditTransaction,
  creditTransactionExample,
);

const Month = (description: string, example: string) =>
  // Years 0001 to 9999: PostgreSQL has no year 0.
  Type.String({
    pattern: '^(?!0000)\\d{4}-(0[1-9]|1[0-2])$',
    description: `${description} \`YYYY-MM\`, UTC.`,
    examples: [example],
  });

export const CreditTransactionListQuery = PageQuery({
  fromMonth: Type.Optional(Month('Only transactions in this month or later:', '2026-09')),
  toMonth: Type.Optional(Month('Only transactions in this month or earlier:', '2026-11')),
});

export const get = defineOperation({
  operationId: 'studio.credits.get',
  method: 'GET',
  path: '/v1/studio/credits',
  tag: 'studio',
  summary: 'Get the studio credits of this month',
  description:
    "The studio plan's monthly credits, how many are used and when they reset. The same numbers as the `studio`/`credits` entry of `GET /v1/usage`.",
  auth: { scope: 'studio:read' },
  success: { status: 200, description: 'Quota, used this month and reset date.', schema: Credits },
});

export const listTransactions = defineOperation({
  operationId: 'studio.creditTransactions.list',
  method: 'GET',
  path: '/v1/studio/credit-transactions',
  tag: 'studio',
  summary: 'List credit transactions, newest first',
  description: 'Filter by a month range with `fromMonth` and `toMonth` (`YYYY-MM`, inclusive).',
  auth: { scope: 'studio:read' },
  query: CreditTransactionListQuery,
  success: { status: 200, description: 'A page of credit transactions.', schema: CreditTransactionList },
});
