/** Withdrawals (migration 0404): the owner's row; every status change is one conditional UPDATE. */
import { nex } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type, { type Static } from 'typebox';
import { rowType } from '../../../db/row-type.ts';
import { afterPosition, type Position } from '../../../kernel/pagination.ts';

const WithdrawalRecord = Type.Object({
  ...nex.commerce.withdrawals.Withdrawal.properties,
  accountId: Type.String(),
});
export type WithdrawalRecord = Static<typeof WithdrawalRecord>;
const WithdrawalRow = rowType(WithdrawalRecord);

const columns = sql.fragment`
  w.id, w.account_id AS "accountId", w.amount, w.currency, w.destination, w.status,
  w.provider_payout_id AS "providerPayoutId", w.failure_message AS "failureMessage", w.created_at AS "createdAt",
  w.updated_at AS "updatedAt", w.settled_at AS "settledAt"
`;

export function insertWithdrawal(
  db: CommonQueryMethods,
  withdrawal: { accountId: string; amount: number; currency: string; destination: string },
) {
  return db.one(sql.type(WithdrawalRow)`
    INSERT INTO nex.withdrawals AS w (account_id, amount, currency, destination)
    VALUES (${withdrawal.accountId}, ${withdrawal.amount}, ${withdrawal.currency}, ${withdrawal.destination})
    RETURNING ${columns}
  `);
}

export function findWithdrawal(db: CommonQueryMethods, id: string) {
  return db.maybeOne(sql.type(WithdrawalRow)`SELECT ${columns} FROM nex.withdrawals w WHERE w.id = ${id}`);
}

export function listWithdrawals(
  db: CommonQueryMethods,
  accountId: string,
  after: Position | null,
  take: number,
) {
  return db.any(sql.type(WithdrawalRow)`
    SELECT ${columns} FROM nex.withdrawals w
    WHERE w.account_id = ${accountId} ${afterPosition(after, 'w')}
    ORDER BY w.created_at DESC, w.id DESC
    LIMIT ${take}
  `);
}

const DueRow = rowType(Type.Object({ id: Type.String(), accountId: Type.String() }));

/** Withdrawals the payout task should work on (nex.due_withdrawals), oldest first. */
export function dueWithdrawals(db: CommonQueryMethods, batch: number) {
  return db.any(sql.type(DueRow)`SELECT id, account_id AS "accountId" FROM nex.due_withdrawals(${batch})`);
}

/**
 * Claims a due withdrawal for one payout attempt: requested → processing, or a processing one
 * whose attempt went quiet for 5 minutes (same condition as nex.due_withdrawals). Null when
 * another worker claimed it first.
 */
export function claimWithdrawal(db: CommonQueryMethods, id: string) {
  return db.maybeOne(sql.type(WithdrawalRow)`
    UPDATE nex.withdrawals w SET status = 'processing', updated_at = clock_timestamp()
    WHERE w.id = ${id}
      AND (w.status = 'requested' OR (w.status = 'processing' AND w.updated_at <= now() - interval '5 minutes'))
    RETURNING ${columns}
  `);
}

/** processing → paid | failed, once. Null when it was settled already. */
export function settleWithdrawal(
  db: CommonQueryMethods,
  id: string,
  outcome: { status: 'paid'; providerPayoutId: string } | { status: 'failed'; failureMessage: string },
) {
  return db.maybeOne(sql.type(WithdrawalRow)`
    UPDATE nex.withdrawals w
    SET status = ${outcome.status}, updated_at = clock_timestamp(), settled_at = clock_timestamp(),
      provider_payout_id = ${outcome.status === 'paid' ? outcome.providerPayoutId : null},
      failure_message = ${outcome.status === 'failed' ? outcome.failureMessage.slice(0, 500) : null}
    WHERE w.id = ${id} AND w.status = 'processing'
    RETURNING ${columns}
  `);
}
