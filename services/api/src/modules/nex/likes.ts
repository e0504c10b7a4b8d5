/**
 * Likes (docs/products/nex.md, Likes). PUT and DELETE are idempotent; the unique key
 * (account, artwork) makes concurrent likes by one account a single row, and the counter moves
 * only with a row inserted or deleted.
 */
import type { DatabaseTransactionConnection } from 'slonik';
import { DomainError, notFound } from '../../kernel/errors.ts';
import { paginate } from '../../kernel/pagination.ts';
import { findArtwork } from './artwork-queries.ts';
import { deleteLike, findLike, insertLike, listLikes } from './like-queries.ts';

export async function like(db: DatabaseTransactionConnection, accountId: string, artworkId: string) {
  const inserted = await insertLike(db, accountId, artworkId);
  if (inserted) return inserted;
  const existing = await findLike(db, accountId, artworkId);
  if (existing) return existing;
  const artwork = await findArtwork(db, artworkId);
  // Visible yet not likeable: the caller's own artwork (published or not).
  if (artwork?.status === 'published') throw new DomainError('conflict', 'You cannot like your own artwork.');
  if (artwork) throw new DomainError('conflict', 'Only a published artwork can be liked.');
  throw notFound('artwork');
}

export async function unlike(db: DatabaseTransactionConnection, accountId: string, artworkId: string) {
  await deleteLike(db, accountId, artworkId);
}

export function listOwnLikes(
  db: DatabaseTransactionConnection,
  accountId: string,
  query: { direction?: 'given' | 'received'; limit?: number; cursor?: string },
) {
  const direction = query.direction ?? 'given';
  return paginate(`nex-likes-${direction}`, query, (after, take) =>
    listLikes(db, accountId, direction, after, take),
  );
}
