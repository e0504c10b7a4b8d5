/**
 * Withdrawals (docs/products/nex.md, Withdrawals). The request holds the money in the ledger under
 * the balance's lock, so concurrent requests never withdraw more than the balance together; the
 * payout task (`nex.withdrawals.pay`, every minute on the worker) pays each through the
 * PayoutProvider, outside any transaction, and records the outcome.
 */
import type { nex } from '@yorozu/contract';
import type { DatabasePool } from 'slonik';
import type { Static } from 'typebox';
import { DomainError, notFound } from '../../../kernel/errors.ts';
import { paginate } from '../../../kernel/pagination.ts';
import type { PayoutProvider } from '../../../kernel/payments/index.ts';
import { withAccount } from '../../../kernel/tenancy.ts';
import { lockedAvailableBalance, type MoneyScope, recordTransaction, transactionScope } from './ledger.ts';
import {
  claimWithdrawal,
  dueWithdrawals,
  findWithdrawal,
  insertWithdrawal,
  listWithdrawals,
  settleWithdrawal,
  type WithdrawalRecord,
} from './withdrawal-queries.ts';

type CreateBody = Static<typeof nex.commerce.withdrawals.CreateWithdrawalRequest>;

const REFERENCE_TYPE = 'withdrawal';

/** Bound to the owner (the request's transaction): the hold and the row commit together. */
export async function requestWithdrawal(scope: MoneyScope, accountId: string, body: CreateBody) {
  const available = await lockedAvailableBalance(scope.db, accountId, body.currency);
  if (body.amount > available) {
    throw new DomainError(
      'conflict',
      `Your available balance is ${available} ${body.currency}; you cannot withdraw ${body.amount}.`,
    );
  }
  const withdrawal = await insertWithdrawal(scope.db, { accountId, ...body });
  await recordTransaction(scope, {
    kind: 'withdrawal',
    currency: body.currency,
    paymentId: null,
    referenceType: REFERENCE_TYPE,
    referenceId: withdrawal.id,
    description: `Withdrawal to ${body.destination}`,
    entries: [
      { accountId, book: 'available', amount: -body.amount },
      { accountId, book: 'withdrawing', amount: body.amount },
    ],
  });
  return withdrawal;
}

export async function getWithdrawal(db: MoneyScope['db'], accountId: string, id: string) {
  const withdrawal = await findWithdrawal(db, id);
  if (!withdrawal || withdrawal.accountId !== accountId) throw notFound('withdrawal');
  return withdrawal;
}

export function listWithdrawalsPage(
  db: MoneyScope['db'],
  accountId: string,
  query: { limit?: number; cursor?: string },
) {
  return paginate('nex-withdrawals', query, (after, take) => listWithdrawals(db, accountId, after, take));
}

type Outcome = { status: 'paid'; providerPayoutId: string } | { status: 'failed'; failureMessage: string };

/** Records a payout's outcome: paid (to the house `payouts` book) or failed (back to `available`). */
async function settle(pool: DatabasePool, withdrawal: WithdrawalRecord, outcome: Outcome) {
  const { id, accountId, amount, currency } = withdrawal;
  await withAccount(pool, accountId, async (tx) => {
    if (!(await settleWithdrawal(tx, id, outcome))) return;
    const paid = outcome.status === 'paid';
    await recordTransaction(transactionScope(tx, accountId), {
      kind: paid ? 'payout' : 'withdrawal_reversal',
      currency,
      paymentId: null,
      referenceType: REFERENCE_TYPE,
      referenceId: id,
      description: paid ? `Paid out to ${withdrawal.destination}` : 'Withdrawal failed: returned',
      entries: [
        { accountId, book: 'withdrawing', amount: -amount },
        paid ? { accountId: null, book: 'payouts', amount } : { accountId, book: 'available', amount },
      ],
    });
  });
}

/**
 * The payout task: claims each due withdrawal (one conditional UPDATE, so two workers never pay
 * one twice), pays it through the provider (idempotent by the withdrawal's id, so a retry after a
 * crash pays once), then settles it. A provider that cannot be reached leaves it `processing`;
 * it is tried again 5 minutes later. At most `batch` a run.
 */
export async function payWithdrawals(
  pool: DatabasePool,
  payouts: PayoutProvider,
  batch = 100,
): Promise<{ paid: number; failed: number; retrying: number }> {
  const counts = { paid: 0, failed: 0, retrying: 0 };
  for (const due of await dueWithdrawals(pool, batch)) {
    const claimed = await withAccount(pool, due.accountId, (tx) => claimWithdrawal(tx, due.id));
    if (!claimed) continue;
    let outcome: Outcome;
    try {
      const payout = await payouts.createPayout({
        amount: claimed.amount,
        currency: claimed.currency,
        destination: claimed.destination,
        metadata: { withdrawalId: claimed.id, accountId: claimed.accountId },
        idempotencyKey: `nex-withdrawal-${claimed.id}`,
      });
      outcome =
        payout.status === 'paid'
          ? { status: 'paid', providerPayoutId: payout.id }
          : { status: 'failed', failureMessage: payout.message };
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'unavailable')) throw error;
      counts.retrying++;
      continue;
    }
    await settle(pool, claimed, outcome);
    counts[outcome.status]++;
  }
  return counts;
}
