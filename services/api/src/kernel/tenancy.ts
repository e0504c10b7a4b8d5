/**
 * Binds a transaction to an account (DESIGN.md, Tenancy): row-level security
 * policies read `app.account_id`, which SET LOCAL scopes to the transaction.
 */
import { type DatabaseTransactionConnection, sql } from 'slonik';

export async function bindAccount(tx: DatabaseTransactionConnection, accountId: string): Promise<void> {
  await tx.query(sql.unsafe`SELECT set_config('app.account_id', ${accountId}, true)`);
}
