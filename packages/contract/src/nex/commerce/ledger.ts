/**
 * The money ledger (docs/products/nex.md, Payments and the ledger): append-only double entry; a
 * balance is the sum of a book's entries.
 */
import Type from 'typebox';
import { defineOperation } from '../../operation.ts';
import { Id, named, Page, PageQuery, StringEnum, Timestamp } from '../../schema.ts';
import { Amount, Currency, SignedAmount } from './money.ts';

export const TransactionKind = StringEnum(
  [
    'sale',
    'ticket',
    'donation',
    'commission',
    'refund',
    'fee',
    'withdrawal',
    'payout',
    'withdrawal_reversal',
  ],
  { description: 'What moved the money.' },
);

const entryExample = {
  id: '0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f3a',
  transactionId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  kind: 'sale' as const,
  book: 'available' as const,
  amount: 1500,
  currency: 'JPY',
  paymentId: '7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e',
  referenceType: 'order',
  referenceId: '2f3e4d5c-6b7a-4980-8a1b-2c3d4e5f6a7b',
  description: 'Sale NX-20261130-7Q4K9D',
  createdAt: '2026-11-30T09:05:00.000Z',
};

export const Transaction = named(
  'NexTransaction',
  Type.Object({
    id: Id("The entry's id."),
    transactionId: Id(
      'The double-entry transaction it belongs to; its entries (some in house books) sum to zero.',
    ),
    kind: TransactionKind,
    book: StringEnum(['available', 'withdrawing'], {
      description:
        '`available`: money the account may withdraw; `withdrawing`: held for a withdrawal in flight.',
    }),
    amount: SignedAmount('The movement.'),
    currency: Currency,
    paymentId: Type.Union([Id('The payment behind it.'), Type.Null()], {
      description: 'The payment behind it; null for withdrawals.',
    }),
    referenceType: Type.String({
      description: 'What it is about: `order`, `withdrawal`, `ticket`, `donation`…',
    }),
    referenceId: Id('The id of what it is about.'),
    description: Type.String({ description: 'A line for a statement.' }),
    createdAt: Timestamp,
  }),
  {
    description: "One entry of the account's side of the ledger. Entries are never changed.",
    example: entryExample,
  },
);

export const TransactionList = Page('NexTransactionList', Transaction, entryExample);

export const Balance = named(
  'NexBalance',
  Type.Object({
    data: Type.Array(
      Type.Object({
        currency: Currency,
        available: SignedAmount(
          'The sum of the `available` entries: what may be withdrawn (negative after a refund of money already paid out).',
        ),
        withdrawing: Amount('The sum of the `withdrawing` entries: held for withdrawals not yet paid.'),
      }),
      { description: 'One row per currency the account has entries in.' },
    ),
  }),
  {
    description: "The account's balances, each the sum of its ledger entries at the moment of reading.",
    example: { data: [{ currency: 'JPY', available: 1350, withdrawing: 0 }] },
  },
);

export const list = defineOperation({
  operationId: 'nex.transactions.list',
  method: 'GET',
  path: '/v1/nex/transactions',
  tag: 'nex',
  summary: "List the caller's ledger entries, newest first",
  description:
    "Sales, tickets, donations, commissions, refunds, fees and withdrawals as they touched the caller's books.",
  auth: { scope: 'nex:read' },
  query: PageQuery(),
  success: { status: 200, description: 'A page of entries.', schema: TransactionList },
});

export const balance = defineOperation({
  operationId: 'nex.balance.get',
  method: 'GET',
  path: '/v1/nex/balance',
  tag: 'nex',
  summary: "Get the caller's balances",
  description: 'Derived from the ledger: the sum of the entries of each book, per currency.',
  auth: { scope: 'nex:read' },
  success: { status: 200, description: 'The balances.', schema: Balance },
});
