/**
 * The money ledger's internal API (docs/products/nex.md, Payments and the ledger), for every part
 * of nex that moves money: the shop, tickets, donations, commissions and withdrawals.
 *
 * A transaction is two or more entries summing to zero in one currency (checked again by the
 * database at COMMIT). An account's entries are written bound to that account (RLS lets an
 * account's entries be inserted only under its own binding), the house books' (`provider`,
 * `fees`, `payouts`) beside them. Call these in the transaction that settles the payment, so the
 * money and what it paid for commit together.
 */
import { randomUUID } from 'node:crypto';
import type { CommonQueryMethods, DatabaseTransactionConnection } from 'slonik';
import { paginate } from '../../../kernel/pagination.ts';
import { bindAccount } from '../../../kernel/tenancy.ts';
import {
  availableBalance,
  type Book,
  insertEntry,
  listEntries,
  lockBalance,
  sumBalances,
  type TransactionKind,
} from './ledger-queries.ts';

export type { Book, TransactionKind };

/** What the ledger needs of a request's (or a webhook's, or a job's) transaction. */
export interface MoneyScope {
  db: CommonQueryMethods;
  /** Runs fn with the transaction bound to another account, then restores the binding. */
  withAccount<T>(accountId: string, fn: () => Promise<T>): Promise<T>;
}

/**
 * A MoneyScope over a transaction outside a request (a job, a test): `withAccount` binds it to the
 * account for fn and back to `boundTo` ('' for none) afterwards, like a request's does.
 */
export function transactionScope(tx: DatabaseTransactionConnection, boundTo = ''): MoneyScope {
  let current = boundTo;
  return {
    db: tx,
    async withAccount(accountId, fn) {
      const previous = current;
      await bindAccount(tx, accountId);
      current = accountId;
      try {
        return await fn();
      } finally {
        await bindAccount(tx, previous);
        current = previous;
      }
    },
  };
}

export interface LedgerEntry {
  /** The account whose book it is; null for a house book. */
  accountId: string | null;
  book: Book;
  /** Minor units; positive into the book, negative out of it. */
  amount: number;
}

export interface NewLedgerTransaction {
  kind: TransactionKind;
  currency: string;
  paymentId: string | null;
  referenceType: string;
  referenceId: string;
  description: string;
  entries: LedgerEntry[];
}

/** The platform's fee on a sale, a ticket or a donation: 10 %, rounded down to a minor unit. */
export const PLATFORM_FEE_BASIS_POINTS = 1000;

export function platformFee(amount: number): number {
  return Math.floor((amount * PLATFORM_FEE_BASIS_POINTS) / 10_000);
}

/** Records one balanced transaction; returns its id. Refuses (throws) entries that do not sum to zero. */
export async function recordTransaction(
  scope: MoneyScope,
  transaction: NewLedgerTransaction,
): Promise<string> {
  const entries = transaction.entries.filter((entry) => entry.amount !== 0);
  const sum = entries.reduce((total, entry) => total + entry.amount, 0);
  if (entries.length < 2 || sum !== 0) {
    throw new Error(`A ledger transaction needs two or more entries summing to zero (got ${sum}).`);
  }
  const transactionId = randomUUID();
  for (const entry of entries) {
    const row = {
      transactionId,
      kind: transaction.kind,
      accountId: entry.accountId,
      book: entry.book,
      amount: entry.amount,
      currency: transaction.currency,
      paymentId: transaction.paymentId,
      referenceType: transaction.referenceType,
      referenceId: transaction.referenceId,
      description: transaction.description,
    };
    if (entry.accountId === null) await insertEntry(scope.db, row);
    else await scope.withAccount(entry.accountId, () => insertEntry(scope.db, row));
  }
  return transactionId;
}

export interface Earning {
  /** `sale` (the shop), `ticket`, `donation`. */
  kind: Extract<TransactionKind, 'sale' | 'ticket' | 'donation'>;
  /** Who receives the money. */
  sellerId: string;
  amount: number;
  currency: string;
  paymentId: string;
  referenceType: string;
  referenceId: string;
  description: string;
}

/**
 * A confirmed payment credited to its seller: the gross from the provider's book into the seller's
 * `available` book, then the platform's fee out of it (a `fee` transaction). Returns the fee.
 */
export async function recordEarning(scope: MoneyScope, earning: Earning): Promise<{ fee: number }> {
  const { sellerId, amount, currency, paymentId, referenceType, referenceId } = earning;
  await recordTransaction(scope, {
    kind: earning.kind,
    currency,
    paymentId,
    referenceType,
    referenceId,
    description: earning.description,
    entries: [
      { accountId: null, book: 'provider', amount: -amount },
      { accountId: sellerId, book: 'available', amount },
    ],
  });
  const fee = platformFee(amount);
  if (fee > 0) {
    await recordTransaction(scope, {
      kind: 'fee',
      currency,
      paymentId,
      referenceType,
      referenceId,
      description: `Platform fee (${PLATFORM_FEE_BASIS_POINTS / 100} %)`,
      entries: [
        { accountId: sellerId, book: 'available', amount: -fee },
        { accountId: null, book: 'fees', amount: fee },
      ],
    });
  }
  return { fee };
}

/**
 * An earning given back: the gross back to the provider's book out of the seller's `available`
 * book, and the fee back from the platform. The seller's balance may go negative when the money
 * was already withdrawn; later earnings fill it first.
 */
export async function recordRefund(
  scope: MoneyScope,
  refund: Omit<Earning, 'kind'> & { fee: number },
): Promise<void> {
  const { sellerId, amount, fee, currency, paymentId, referenceType, referenceId } = refund;
  await recordTransaction(scope, {
    kind: 'refund',
    currency,
    paymentId,
    referenceType,
    referenceId,
    description: refund.description,
    entries: [
      { accountId: sellerId, book: 'available', amount: -(amount - fee) },
      { accountId: null, book: 'fees', amount: -fee },
      { accountId: null, book: 'provider', amount },
    ],
  });
}

/**
 * A referral commission, paid by the platform out of its `fees` book into the referrer's
 * `available` book (docs/products/nex.md, Referrals): the seller never pays for a rate it did not
 * set. `reverse` takes it back (the purchase was refunded); the referrer's balance may then go
 * negative, like a seller's after a refund.
 */
export async function recordCommission(
  scope: MoneyScope,
  commission: {
    referrerId: string;
    amount: number;
    currency: string;
    paymentId: string;
    referenceType: string;
    referenceId: string;
    description: string;
    reverse?: boolean;
  },
): Promise<void> {
  const amount = commission.reverse ? -commission.amount : commission.amount;
  await recordTransaction(scope, {
    kind: commission.reverse ? 'refund' : 'commission',
    currency: commission.currency,
    paymentId: commission.paymentId,
    referenceType: commission.referenceType,
    referenceId: commission.referenceId,
    description: commission.description,
    entries: [
      { accountId: null, book: 'fees', amount: -amount },
      { accountId: commission.referrerId, book: 'available', amount },
    ],
  });
}

/** Locks the account's balance in `currency` until COMMIT and reads it (see lockBalance). */
export async function lockedAvailableBalance(db: CommonQueryMethods, accountId: string, currency: string) {
  await lockBalance(db, accountId, currency);
  return availableBalance(db, accountId, currency);
}

export async function balances(db: CommonQueryMethods, accountId: string) {
  return { data: [...(await sumBalances(db, accountId))] };
}

export function listTransactions(
  db: CommonQueryMethods,
  accountId: string,
  query: { limit?: number; cursor?: string },
) {
  return paginate('nex-transactions', query, (after, take) => listEntries(db, accountId, after, take));
}
