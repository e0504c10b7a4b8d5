/**
 * Comments (docs/products/nex.md, Comments). Reads name no account: comments_read shows the
 * comments of every artwork the caller can see. Writes name the author (or, to hide, the
 * artwork's owner) and RLS refuses anyone else.
 */
import { nex } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type from 'typebox';
import { NoRows, rowType } from '../../db/row-type.ts';
import { afterPosition, type Position } from '../../kernel/pagination.ts';

const CommentRow = rowType(nex.comments.Comment);
const IdRow = rowType(Type.Object({ id: Type.String() }));

/** How long an author may edit a comment (docs/products/nex.md, Comments). */
export const EDIT_WINDOW = sql.fragment`interval '15 minutes'`;

const commentColumns = sql.fragment`
  c.id, c.artwork_id AS "artworkId", c.parent_id AS "parentId", c.account_id AS "authorId",
  author.username AS "authorUsername",
  CASE WHEN s.state = 'visible' THEN c.content END AS content,
  CASE WHEN s.state = 'visible' THEN c.rating END AS rating,
  s.state, c.is_edited AS "isEdited",
  (SELECT count(*) FROM nex.comments reply WHERE reply.parent_id = c.id) AS "replyCount",
  c.created_at AS "createdAt", c.updated_at AS "updatedAt"
`;
const commentSource = sql.fragment`
  nex.comments c
  LEFT JOIN nex.creators author ON author.account_id = c.account_id
  CROSS JOIN LATERAL (
    SELECT CASE
      WHEN c.deleted_at IS NOT NULL OR c.account_id IS NULL THEN 'deleted'
      WHEN EXISTS (SELECT 1 FROM nex.comment_hides h WHERE h.comment_id = c.id) THEN 'hidden'
      ELSE 'visible'
    END AS state
  ) s
`;

export function findComment(db: CommonQueryMethods, id: string) {
  return db.maybeOne(sql.type(CommentRow)`SELECT ${commentColumns} FROM ${commentSource} WHERE c.id = ${id}`);
}

export function listComments(
  db: CommonQueryMethods,
  artworkId: string,
  parentId: string | null,
  after: Position | null,
  take: number,
) {
  const parent =
    parentId === null ? sql.fragment`c.parent_id IS NULL` : sql.fragment`c.parent_id = ${parentId}`;
  return db.any(sql.type(CommentRow)`
    SELECT ${commentColumns} FROM ${commentSource}
    WHERE c.artwork_id = ${artworkId} AND ${parent} ${afterPosition(after, 'c')}
    ORDER BY c.created_at DESC, c.id DESC
    LIMIT ${take}
  `);
}

export interface NewComment {
  artworkId: string;
  parentId: string | null;
  content: string;
  rating: number | null;
}

export function insertComment(db: CommonQueryMethods, accountId: string, comment: NewComment) {
  return db.oneFirst(sql.type(IdRow)`
    INSERT INTO nex.comments (artwork_id, account_id, parent_id, content, rating)
    VALUES (${comment.artworkId}, ${accountId}, ${comment.parentId}, ${comment.content}, ${comment.rating})
    RETURNING id
  `);
}

/** The author's edit, within the window, of a comment that is neither deleted nor hidden; null otherwise. */
export function editComment(
  db: CommonQueryMethods,
  accountId: string,
  id: string,
  changes: { content: string; rating: number | null },
) {
  return db.maybeOneFirst(sql.type(IdRow)`
    UPDATE nex.comments c SET content = ${changes.content}, rating = ${changes.rating}, is_edited = true,
      updated_at = now()
    WHERE c.id = ${id} AND c.account_id = ${accountId} AND c.deleted_at IS NULL
      AND c.created_at > now() - ${EDIT_WINDOW}
      AND NOT EXISTS (SELECT 1 FROM nex.comment_hides h WHERE h.comment_id = c.id)
    RETURNING c.id
  `);
}

/** The author's comment as stored, whatever its state: what an edit or delete starts from. */
const OwnCommentRow = rowType(
  Type.Object({
    parentId: Type.Union([Type.String(), Type.Null()]),
    content: Type.String(),
    rating: Type.Union([Type.Integer(), Type.Null()]),
  }),
);

export function findOwnComment(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(OwnCommentRow)`
    SELECT parent_id AS "parentId", content, rating FROM nex.comments WHERE id = ${id} AND account_id = ${accountId}
  `);
}

/** Soft delete: the row stays, so replies keep their parent. */
export async function softDeleteComment(db: CommonQueryMethods, accountId: string, id: string) {
  await db.query(sql.type(NoRows)`
    UPDATE nex.comments SET deleted_at = now(), updated_at = now()
    WHERE id = ${id} AND account_id = ${accountId} AND deleted_at IS NULL
  `);
}

/** Hides a comment on the caller's artwork (once); null when the comment is not on one. */
export function hideComment(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOneFirst(sql.type(IdRow)`
    WITH target AS (
      SELECT c.id FROM nex.comments c JOIN nex.artworks a ON a.id = c.artwork_id
      WHERE c.id = ${id} AND a.account_id = ${accountId}
    ), hidden AS (
      INSERT INTO nex.comment_hides (comment_id, account_id) SELECT id, ${accountId} FROM target
      ON CONFLICT (comment_id) DO NOTHING
    )
    SELECT id FROM target
  `);
}

export function unhideComment(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOneFirst(sql.type(IdRow)`
    WITH target AS (
      SELECT c.id FROM nex.comments c JOIN nex.artworks a ON a.id = c.artwork_id
      WHERE c.id = ${id} AND a.account_id = ${accountId}
    ), shown AS (
      DELETE FROM nex.comment_hides h USING target WHERE h.comment_id = target.id
    )
    SELECT id FROM target
  `);
}
