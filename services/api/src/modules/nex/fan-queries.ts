/** Fans (docs/products/nex.md, Fans): public relations between an account and a creator. */
import { nex } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type from 'typebox';
import { NoRows, rowType } from '../../db/row-type.ts';
import { afterPosition, type Position } from '../../kernel/pagination.ts';

const FanRow = rowType(nex.fans.Fan);
const AccountRow = rowType(Type.Object({ accountId: Type.String() }));

const fanColumns = sql.fragment`
  f.id, fan.username AS "fanUsername", creator.username AS "creatorUsername", f.created_at AS "createdAt"
`;
const fanSource = sql.fragment`
  nex.fans f JOIN nex.creators creator ON creator.account_id = f.creator_id
  LEFT JOIN nex.creators fan ON fan.account_id = f.account_id
`;

export function findCreatorAccount(db: CommonQueryMethods, username: string) {
  return db.maybeOneFirst(sql.type(AccountRow)`
    SELECT account_id AS "accountId" FROM nex.creators WHERE lower(username) = lower(${username})
  `);
}

/** Does nothing when the caller is a fan already. */
export async function insertFan(db: CommonQueryMethods, accountId: string, creatorId: string) {
  await db.query(sql.type(NoRows)`
    INSERT INTO nex.fans (account_id, creator_id) VALUES (${accountId}, ${creatorId})
    ON CONFLICT (account_id, creator_id) DO NOTHING
  `);
}

export function findFan(db: CommonQueryMethods, accountId: string, creatorId: string) {
  return db.maybeOne(sql.type(FanRow)`
    SELECT ${fanColumns} FROM ${fanSource} WHERE f.account_id = ${accountId} AND f.creator_id = ${creatorId}
  `);
}

export async function deleteFan(db: CommonQueryMethods, accountId: string, creatorId: string) {
  await db.query(
    sql.type(NoRows)`DELETE FROM nex.fans WHERE account_id = ${accountId} AND creator_id = ${creatorId}`,
  );
}

/** `fans`: the creator's fans; `following`: the creators the account is a fan of. */
export function listFans(
  db: CommonQueryMethods,
  side: 'fans' | 'following',
  accountId: string,
  after: Position | null,
  take: number,
) {
  const column = sql.identifier(['f', side === 'fans' ? 'creator_id' : 'account_id']);
  return db.any(sql.type(FanRow)`
    SELECT ${fanColumns} FROM ${fanSource}
    WHERE ${column} = ${accountId} ${afterPosition(after, 'f')}
    ORDER BY f.created_at DESC, f.id DESC
    LIMIT ${take}
  `);
}
