/** The category tree (docs/products/nex.md, Categories). */
import { nex } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import { rowType } from '../../db/row-type.ts';

const CategoryRow = rowType(nex.categories.Category);

/** Parents before children: ordered by depth, then position among siblings. */
export function listCategories(db: CommonQueryMethods) {
  return db.any(sql.type(CategoryRow)`
    WITH RECURSIVE tree AS (
      SELECT id, slug, name, NULL::text AS parent, sort_order, 0 AS depth FROM nex.categories WHERE parent_id IS NULL
      UNION ALL
      SELECT c.id, c.slug, c.name, tree.slug, c.sort_order, tree.depth + 1
      FROM nex.categories c JOIN tree ON c.parent_id = tree.id
    )
    SELECT slug, name, parent, sort_order AS "sortOrder" FROM tree ORDER BY depth, parent NULLS FIRST, sort_order, slug
  `);
}
