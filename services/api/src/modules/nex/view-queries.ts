/** Views and creator statistics (docs/products/nex.md, Views). */
import { nex } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type from 'typebox';
import { NoRows, rowType } from '../../db/row-type.ts';

const MovedRow = rowType(Type.Object({ moved: Type.Integer() }));
const StatsRow = rowType(nex.views.CreatorStats);

/**
 * False when the artwork is not a published one (RLS would refuse the insert; the SELECT finds
 * nothing first). No RETURNING: the buffer is write-only to the service role.
 */
export async function insertView(db: CommonQueryMethods, artworkId: string) {
  const result = await db.query(sql.type(NoRows)`
    INSERT INTO nex.artwork_views (artwork_id)
    SELECT id FROM nex.artworks WHERE id = ${artworkId} AND status = 'published'
  `);
  return result.rowCount === 1;
}

export function flushViews(db: CommonQueryMethods, batch: number) {
  return db.oneFirst(sql.type(MovedRow)`SELECT nex.flush_views(${batch}) AS moved`);
}

export function findCreatorStats(db: CommonQueryMethods, username: string) {
  return db.maybeOne(sql.type(StatsRow)`
    SELECT c.username, c.total_exp AS "totalExp", c.level, c.fan_count AS "fanCount",
      c.likes_received AS "totalLikesReceived", p.artworks AS "artworkCount", p.views AS "totalViews"
    FROM nex.creators c
    CROSS JOIN LATERAL (
      SELECT count(*) AS artworks, COALESCE(sum(a.view_count), 0) AS views
      FROM nex.artworks a WHERE a.account_id = c.account_id AND a.status = 'published'
    ) p
    WHERE lower(c.username) = lower(${username})
  `);
}
