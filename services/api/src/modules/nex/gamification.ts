/** EXP, levels and achievements (docs/products/nex.md, EXP, levels and achievements). */
import type { DatabaseTransactionConnection } from 'slonik';
import { DomainError } from '../../kernel/errors.ts';
import { paginate } from '../../kernel/pagination.ts';
import { findCreatorOf } from './creator-queries.ts';
import { checkIn, listExpLog } from './gamification-queries.ts';

export async function checkInToday(db: DatabaseTransactionConnection, accountId: string) {
  if (!(await findCreatorOf(db, accountId)))
    throw new DomainError('conflict', 'Join nex first (POST /v1/nex/creators).');
  return checkIn(db);
}

export function listOwnExpLog(
  db: DatabaseTransactionConnection,
  accountId: string,
  query: { limit?: number; cursor?: string },
) {
  return paginate('nex-exp-log', query, (after, take) => listExpLog(db, accountId, after, take));
}
