/**
 * Comments (docs/products/nex.md, Comments): threads, ratings on top-level comments, a 15-minute
 * edit window, soft deletes and hiding by the artwork's owner.
 */
import type { nex } from '@yorozu/contract';
import type { DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import { DomainError, notFound, validationFailed } from '../../kernel/errors.ts';
import { paginate } from '../../kernel/pagination.ts';
import { findArtwork } from './artwork-queries.ts';
import {
  editComment,
  findComment,
  findOwnComment,
  hideComment,
  insertComment,
  listComments,
  softDeleteComment,
  unhideComment,
} from './comment-queries.ts';

const noComment = () => notFound('comment');

async function visibleArtwork(db: DatabaseTransactionConnection, id: string) {
  const artwork = await findArtwork(db, id);
  if (!artwork) throw notFound('artwork');
  return artwork;
}

async function readBack(db: DatabaseTransactionConnection, id: string) {
  const comment = await findComment(db, id);
  if (!comment) throw noComment();
  return comment;
}

export async function listArtworkComments(
  db: DatabaseTransactionConnection,
  artworkId: string,
  query: { parentId?: string; limit?: number; cursor?: string },
) {
  await visibleArtwork(db, artworkId);
  const parentId = query.parentId ?? null;
  return paginate(`nex-comments-${parentId ?? 'top'}`, query, (after, take) =>
    listComments(db, artworkId, parentId, after, take),
  );
}

export async function comment(
  db: DatabaseTransactionConnection,
  accountId: string,
  artworkId: string,
  request: Static<typeof nex.comments.CreateCommentRequest>,
) {
  const artwork = await visibleArtwork(db, artworkId);
  if (artwork.status !== 'published')
    throw new DomainError('conflict', 'Only a published artwork takes comments.');
  const parentId = request.parentId ?? null;
  if (parentId !== null) {
    if (request.rating !== undefined)
      throw validationFailed('/body/rating', 'is for top-level comments only');
    const parent = await findComment(db, parentId);
    if (!parent || parent.artworkId !== artworkId) {
      throw validationFailed('/body/parentId', 'is not a comment on this artwork');
    }
    if (parent.state !== 'visible')
      throw new DomainError('conflict', 'A deleted or hidden comment takes no replies.');
  }
  const id = await insertComment(db, accountId, {
    artworkId,
    parentId,
    content: request.content,
    rating: request.rating ?? null,
  });
  return readBack(db, id);
}

export async function edit(
  db: DatabaseTransactionConnection,
  accountId: string,
  id: string,
  changes: Static<typeof nex.comments.UpdateCommentRequest>,
) {
  const own = await findOwnComment(db, accountId, id);
  if (!own) throw noComment();
  if (changes.rating !== undefined && own.parentId !== null) {
    throw validationFailed('/body/rating', 'is for top-level comments only');
  }
  const edited = await editComment(db, accountId, id, {
    content: changes.content ?? own.content,
    rating: changes.rating ?? own.rating,
  });
  if (!edited) {
    throw new DomainError(
      'conflict',
      'The comment can no longer be edited: deleted, hidden, or older than 15 minutes.',
    );
  }
  return readBack(db, id);
}

export async function remove(db: DatabaseTransactionConnection, accountId: string, id: string) {
  if (!(await findOwnComment(db, accountId, id))) throw noComment();
  await softDeleteComment(db, accountId, id);
}

export async function hide(db: DatabaseTransactionConnection, accountId: string, id: string) {
  if (!(await hideComment(db, accountId, id))) throw noComment();
  return readBack(db, id);
}

export async function unhide(db: DatabaseTransactionConnection, accountId: string, id: string) {
  if (!(await unhideComment(db, accountId, id))) throw noComment();
  return readBack(db, id);
}
