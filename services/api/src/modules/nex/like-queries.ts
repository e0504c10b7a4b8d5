/** Likes (docs/products/nex.md, Likes): RLS decides who may insert, read and delete them. */
import { nex } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import { NoRows, rowType } from '../../db/row-type.ts';
import { afterPosition, type Position } from '../../kernel/pagination.ts';

const LikeRow = rowType(nex.likes.Like);

const likeColumns = sql.fragment`
  id, account_id AS "accountId", artwork_id AS "artworkId", artwork_owner_id AS "artworkOwnerId",
  created_at AS "createdAt"
`;

/** Null when the caller likes it already, or the artwork is not a published one of someone else. */
export function insertLike(db: CommonQueryMethods, accountId: string, artworkId: string) {
  return db.maybeOne(sql.type(LikeRow)`
    INSERT INTO nex.likes (account_id, artwork_id, artwork_owner_id)
    SELECT ${accountId}, id, account_id FROM nex.artworks
    WHERE id = ${artworkId} AND status = 'published' AND account_id <> ${accountId}
    ON CONFLICT (account_id, artwork_id) DO NOTHING
    RETURNING ${likeColumns}
  `);
}

export function findLike(db: CommonQueryMethods, accountId: string, artworkId: string) {
  return db.maybeOne(sql.type(LikeRow)`
    SELECT ${likeColumns} FROM nex.likes WHERE account_id = ${accountId} AND artwork_id = ${artworkId}
  `);
}

export async function deleteLike(db: CommonQueryMethods, accountId: string, artworkId: string) {
  await db.query(
    sql.type(NoRows)`DELETE FROM nex.likes WHERE account_id = ${accountId} AND artwork_id = ${artworkId}`,
  );
}

export function listLikes(
  db: CommonQueryMethods,
  accountId: string,
  direction: 'given' | 'received',
  after: Position | null,
  take: number,
) {
  const side = sql.identifier([direction === 'given' ? 'account_id' : 'artwork_owner_id']);
  return db.any(sql.type(LikeRow)`
    SELECT ${likeColumns} FROM nex.likes
    WHERE ${side} = ${accountId} ${afterPosition(after)}
    ORDER BY created_at DESC, id DESC
    LIMIT ${take}
  `);
}
