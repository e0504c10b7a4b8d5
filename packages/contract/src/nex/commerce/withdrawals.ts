/**
 * Withdrawals (docs/products/nex.md, Withdrawals): a creator asks for part of its available
 * balance to be paid out; the money is held at once and paid by the PayoutProvider in the
 * background (requested → processing → paid, or failed with the money returned).
 */
import Type from 'typebox';
import { defineOperation } from '../../operation.ts';
import { Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp } from '../../schema.ts';
import { Amount, Currency, MAX_AMOUNT } from './money.ts';

/** The smallest withdrawal, in minor units of any currency (¥1,000, $10.00). */
export const MINIMUM_WITHDRAWAL = 1000;

const Destination = Type.String({
  pattern: '^acct_[A-Za-z0-9_]{1,100}$',
  maxLength: 105,
  description:
    'The connected account the money goes to (a Stripe Connect account id, `acct_…`). The local test-mode provider pays any destination except one containing `fail`.',
  examples: ['acct_1Nv0FGQ9RKHgCVdK'],
});

export const WithdrawalStatus = StringEnum(['requested', 'processing', 'paid', 'failed'], {
  description:
    '`requested`: the money is held (`withdrawing`); `processing`: the payout is being made; `paid`: sent; `failed`: the provider refused it and the money is back in `available`.',
});

const withdrawalExample = {
  id: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a',
  amount: 5000,
  currency: 'JPY',
  destination: 'acct_1Nv0FGQ9RKHgCVdK',
  status: 'requested' as const,
  providerPayoutId: null,
  failureMessage: null,
  createdAt: '2026-11-30T10:00:00.000Z',
  updatedAt: '2026-11-30T10:00:00.000Z',
  settledAt: null,
};

export const Withdrawal = named(
  'NexWithdrawal',
  Type.Object({
    id: Id("The withdrawal's id."),
    amount: Amount('The amount paid out.'),
    currency: Currency,
    destination: Destination,
    status: WithdrawalStatus,
    providerPayoutId: Type.Union([Type.String(), Type.Null()], {
      description: "The provider's transfer id (`tr_…`) once paid.",
    }),
    failureMessage: Type.Union([Type.String(), Type.Null()], {
      description: "The provider's reason when it failed.",
    }),
    createdAt: Timestamp,
    updatedAt: { ...Timestamp, description: 'When its status last changed.' },
    settledAt: Type.Union([Timestamp, Type.Null()], {
      description: 'When it was paid or failed; null before.',
    }),
  }),
  { description: 'A withdrawal, readable by its owner only.', example: withdrawalExample },
);
export const WithdrawalList = Page('NexWithdrawalList', Withdrawal, withdrawalExample);

export const CreateWithdrawalRequest = named(
  'NexCreateWithdrawalRequest',
  Type.Object(
    {
      amount: Type.Integer({
        minimum: MINIMUM_WITHDRAWAL,
        maximum: MAX_AMOUNT,
        description: `How much, in minor units of \`currency\`: at least ${MINIMUM_WITHDRAWAL}, at most the available balance (409 beyond it).`,
      }),
      currency: Currency,
      destination: Destination,
    },
    { additionalProperties: false },
  ),
  {
    description: 'A withdrawal of part of the available balance in one currency.',
    example: { amount: 5000, currency: 'JPY', destination: 'acct_1Nv0FGQ9RKHgCVdK' },
  },
);

export const create = defineOperation({
  operationId: 'nex.withdrawals.create',
  method: 'POST',
  path: '/v1/nex/withdrawals',
  tag: 'nex',
  summary: 'Withdraw from your available balance',
  description:
    'Holds the amount at once (`available` → `withdrawing` in the ledger) if the available balance in that currency covers it, else 409; concurrent requests are checked one after another, so they never withdraw more than the balance together. The worker pays it out through the payout provider within a minute or so: `paid`, or `failed` with the money returned to `available`.',
  auth: { scope: 'nex:write' },
  body: CreateWithdrawalRequest,
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'The withdrawal, `requested`.', schema: Withdrawal },
  errors: [409],
});

export const list = defineOperation({
  operationId: 'nex.withdrawals.list',
  method: 'GET',
  path: '/v1/nex/withdrawals',
  tag: 'nex',
  summary: 'List your withdrawals, newest first',
  description: 'The caller’s withdrawals in every status.',
  auth: { scope: 'nex:read' },
  query: PageQuery(),
  success: { status: 200, description: 'A page of withdrawals.', schema: WithdrawalList },
});

export const get = defineOperation({
  operationId: 'nex.withdrawals.get',
  method: 'GET',
  path: '/v1/nex/withdrawals/{id}',
  tag: 'nex',
  summary: 'Get a withdrawal',
  description: 'Only its owner (404 for anyone else).',
  auth: { scope: 'nex:read' },
  params: IdParams('withdrawal', withdrawalExample.id),
  success: { status: 200, description: 'The withdrawal.', schema: Withdrawal },
});
