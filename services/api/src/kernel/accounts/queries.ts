import { Account } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import { rowType } from '../../db/row-type.ts';

const AccountRow = rowType(Account);

/** The columns of the contract's Account, for every query that returns one. */
export const accountColumns = sql.fragment`id, email, name, role, created_at AS "createdAt"`;

export function getAccount(db: CommonQueryMethods, accountId: string) {
  return db.one(
    sql.type(AccountRow)`SELECT ${accountColumns} FROM platform.accounts WHERE id = ${accountId}`,
  );
}

export function renameAccount(db: CommonQueryMethods, accountId: string, name: string | null) {
  return db.one(sql.type(AccountRow)`
    UPDATE platform.accounts SET name = ${name}, updated_at = now()
    WHERE id = ${accountId}
    RETURNING ${accountColumns}
  `);
}
