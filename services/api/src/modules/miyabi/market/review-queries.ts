/**
 * Reviews' SQL (docs/products/miyabi.md, Reviews). reviews_insert lets only a subscriber of the
 * plugin write, as itself; the rating on the plugin follows by the counters' trigger.
 */
import { miyabiMarket } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import { NoRows, rowType } from '../../../db/row-type.ts';
import { afterPosition, type Position } from '../../../kernel/pagination.ts';

const ReviewRow = rowType(miyabiMarket.reviews.Review);

const reviewColumns = sql.fragment`
  id, account_id AS "accountId", plugin_id AS "pluginId", rating, body,
  created_at AS "createdAt", updated_at AS "updatedAt"
`;

/** Writes or replaces the account's review of the plugin. */
export function upsertReview(
  db: CommonQueryMethods,
  accountId: string,
  pluginId: string,
  review: { rating: number; body: string },
) {
  return db.one(sql.type(ReviewRow)`
    INSERT INTO miyabi.reviews AS r (account_id, plugin_id, rating, body)
    VALUES (${accountId}, ${pluginId}, ${review.rating}, ${review.body})
    ON CONFLICT (account_id, plugin_id) DO UPDATE
      SET rating = EXCLUDED.rating, body = EXCLUDED.body, updated_at = now()
    RETURNING ${reviewColumns}
  `);
}

export function deleteReview(db: CommonQueryMethods, accountId: string, pluginId: string) {
  return db.query(sql.type(NoRows)`
    DELETE FROM miyabi.reviews WHERE account_id = ${accountId} AND plugin_id = ${pluginId}
  `);
}

export function listReviews(db: CommonQueryMethods, pluginId: string, after: Position | null, take: number) {
  const position = afterPosition(after);
  return db.any(sql.type(ReviewRow)`
    SELECT ${reviewColumns} FROM miyabi.reviews
    WHERE plugin_id = ${pluginId} ${position}
    ORDER BY created_at DESC, id DESC
    LIMIT ${take}
  `);
}
