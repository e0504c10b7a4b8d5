/** Views and creator statistics (docs/products/nex.md, Views). */
import type { DatabaseTransactionConnection } from 'slonik';
import { DomainError, notFound } from '../../kernel/errors.ts';
import { findCreatorStats, insertView } from './view-queries.ts';

export async function recordView(db: DatabaseTransactionConnection, artworkId: string) {
  if (!(await insertView(db, artworkId))) throw notFound('artwork');
}

export async function creatorStats(db: DatabaseTransactionConnection, username: string) {
  const stats = await findCreatorStats(db, username);
  if (!stats) throw new DomainError('not_found', 'No creator has that username.');
  return stats;
}
