/**
 * Binds a transaction to an account (docs/architecture.md, Tenancy): row-level security
 * policies read `app.account_id`, which SET LOCAL scopes to the transaction.
 */
import { type DatabasePool, type DatabaseTransactionConnection, sql } from 'slonik';
import Type from 'typebox';
import { rowType } from '../db/row-type.ts';

const BoundRow = rowType(Type.Object({ boundTo: Type.String() }));

/** A named statement: every request runs it (src/db/pool.ts). */
export async function bindAccount(tx: DatabaseTransactionConnection, accountId: string): Promise<void> {
  await tx.query(sql.prepared('bind_account', BoundRow)`
    SELECT set_config('app.account_id', ${accountId}, true) AS "boundTo"
  `);
}

/**
 * Runs fn in a transaction of its own, bound to the account: for work outside
 * a request's transaction (job handlers, each step of an event stream).
 */
export function withAccount<T>(
  pool: DatabasePool,
  accountId: string,
  fn: (tx: DatabaseTransactionConnection) => Promise<T>,
): Promise<T> {
  return pool.transaction(async (tx) => {
    await bindAccount(tx, accountId);
    return fn(tx);
  });
}
