/** Fans (docs/products/nex.md, Fans). PUT and DELETE are idempotent; nobody is their own fan. */
import type { DatabaseTransactionConnection } from 'slonik';
import { DomainError } from '../../kernel/errors.ts';
import { paginate } from '../../kernel/pagination.ts';
import { deleteFan, findCreatorAccount, findFan, insertFan, listFans } from './fan-queries.ts';

async function creatorAccount(db: DatabaseTransactionConnection, username: string) {
  const accountId = await findCreatorAccount(db, username);
  if (!accountId) throw new DomainError('not_found', 'No creator has that username.');
  return accountId;
}

export async function becomeFan(db: DatabaseTransactionConnection, accountId: string, username: string) {
  const creatorId = await creatorAccount(db, username);
  if (creatorId === accountId) throw new DomainError('conflict', 'You cannot be your own fan.');
  await insertFan(db, accountId, creatorId);
  const fan = await findFan(db, accountId, creatorId);
  if (!fan) throw new Error('the fan relation just written is not readable');
  return fan;
}

export async function stopBeingFan(db: DatabaseTransactionConnection, accountId: string, username: string) {
  await deleteFan(db, accountId, await creatorAccount(db, username));
}

export async function listRelations(
  db: DatabaseTransactionConnection,
  side: 'fans' | 'following',
  username: string,
  query: { limit?: number; cursor?: string },
) {
  const accountId = await creatorAccount(db, username);
  return paginate(`nex-${side}`, query, (after, take) => listFans(db, side, accountId, after, take));
}
