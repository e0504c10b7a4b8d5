/**
 * Browsing and searching artworks (docs/products/nex.md, Search). Text matching is a LIKE per
 * folded query word over the folded search text, served by a pg_trgm GIN index (words of 3
 * characters or more narrow the index scan; shorter ones, common in Japanese, still match, with
 * the index recheck doing the work). Every sort is keyset-paginated over (key, created_at, id).
 */
import type { nex } from '@yorozu/contract';
import { type DatabaseTransactionConnection, type FragmentSqlToken, sql } from 'slonik';
import type { Static } from 'typebox';
import { isTimestamp } from '../../kernel/calendar.ts';
import { DomainError, validationFailed } from '../../kernel/errors.ts';
import { type KeyedPosition, paginateByKey } from '../../kernel/pagination.ts';
import { type RankedArtwork, searchArtworks } from './artwork-queries.ts';
import { containsPattern, fold, normaliseTag, queryTerms } from './fold.ts';

type ListQuery = Static<typeof nex.artworks.ArtworkListQuery>;
/** The sorts of the list, and `popular` (GET /v1/nex/artworks/popular). */
type Sort = NonNullable<ListQuery['sort']> | 'popular';

/**
 * Relevance, a heuristic: 1000 when the whole folded query appears in the title, plus the
 * trigram similarity of title and query scaled to 0–1000 (pg_trgm's `similarity`).
 */
function relevance(query: string): FragmentSqlToken {
  const folded = fold(query);
  return sql.fragment`(
    (CASE WHEN a.search_title LIKE ${containsPattern(folded)} THEN 1000 ELSE 0 END)
    + round(1000 * public.similarity(a.search_title, ${folded}))
  )::bigint`;
}

interface SortSpec {
  key: FragmentSqlToken;
  /** The SQL type the cursor's key is compared as. */
  cast: 'bigint' | 'timestamptz';
  keyOf(row: RankedArtwork): string;
}

function sortSpec(sort: Sort, query: ListQuery): SortSpec {
  switch (sort) {
    case 'most_liked':
      return { key: sql.fragment`a.like_count`, cast: 'bigint', keyOf: (row) => String(row.likeCount) };
    case 'most_viewed':
      return { key: sql.fragment`a.view_count`, cast: 'bigint', keyOf: (row) => String(row.viewCount) };
    case 'popular':
      return {
        key: sql.fragment`(4 * a.like_count + 3 * a.view_count + 3 * a.comment_count)`,
        cast: 'bigint',
        keyOf: (row) => String(4 * row.likeCount + 3 * row.viewCount + 3 * row.commentCount),
      };
    case 'relevance':
      return { key: relevance(query.q ?? ''), cast: 'bigint', keyOf: (row) => row.sortKey };
    case 'newest':
      // Published artworks by publication; the caller's drafts (never published) by creation.
      return (query.status ?? 'published') === 'published'
        ? {
            key: sql.fragment`a.published_at`,
            cast: 'timestamptz',
            keyOf: (row) => row.publishedAt ?? row.createdAt,
          }
        : { key: sql.fragment`a.created_at`, cast: 'timestamptz', keyOf: (row) => row.createdAt };
  }
}

const invalidCursor = () =>
  new DomainError(
    'invalid_cursor',
    'The cursor is malformed or belongs to another list; start again without it.',
    {
      errors: [{ path: '/query/cursor', message: 'is not a cursor of this list' }],
    },
  );

const BIGINT = /^-?\d{1,18}$/;

function afterCursor(spec: SortSpec, after: KeyedPosition | null): FragmentSqlToken {
  if (!after) return sql.fragment``;
  const valid = spec.cast === 'bigint' ? BIGINT.test(after.key) : isTimestamp(after.key);
  if (!valid) throw invalidCursor();
  const key =
    spec.cast === 'bigint' ? sql.fragment`${after.key}::bigint` : sql.fragment`${after.key}::timestamptz`;
  return sql.fragment`AND (${spec.key}, a.created_at, a.id) < (${key}, ${after.createdAt}::timestamptz, ${after.id}::uuid)`;
}

/**
 * How many matches of a text query are ranked: its most recently published ones. Ranking every
 * match of a common word cost 50–80 ms of PostgreSQL CPU per page over 100 000 artworks
 * (bench/README.md); with this bound a page costs the same however common the word is.
 */
export const CANDIDATES = 1000;

/**
 * Every word in the folded text. Published artworks are matched in nex.artwork_search, a table
 * without RLS (it holds only public text), where the trigram index can serve LIKE; under the
 * artworks' RLS policy it could not, LIKE not being leakproof. The caller's own drafts are few:
 * they are matched in place.
 */
function textConditions(query: ListQuery, published: boolean): FragmentSqlToken[] {
  const terms = (query.q ? queryTerms(query.q) : []).map((term) => containsPattern(term));
  if (terms.length === 0) return [];
  if (!published) return terms.map((pattern) => sql.fragment`a.search_text LIKE ${pattern}`);
  const matches = sql.join(
    terms.map((pattern) => sql.fragment`s.search_text LIKE ${pattern}`),
    sql.fragment` AND `,
  );
  // Bounded: at most the CANDIDATES most recently published matches are joined back and ranked.
  return [
    sql.fragment`a.id IN (
      SELECT s.artwork_id FROM nex.artwork_search s WHERE ${matches}
      ORDER BY s.published_at DESC, s.artwork_id DESC LIMIT ${CANDIDATES}
    )`,
  ];
}

function filters(query: ListQuery): FragmentSqlToken[] {
  const conditions = textConditions(query, (query.status ?? 'published') === 'published');
  if (query.category !== undefined) {
    conditions.push(sql.fragment`a.category_id IN (
      WITH RECURSIVE tree AS (
        SELECT id FROM nex.categories WHERE slug = ${query.category}
        UNION ALL
        SELECT child.id FROM nex.categories child JOIN tree ON child.parent_id = tree.id
      ) SELECT id FROM tree
    )`);
  }
  if (query.tag !== undefined) {
    conditions.push(sql.fragment`EXISTS (
      SELECT 1 FROM nex.artwork_tags at JOIN nex.tags t ON t.id = at.tag_id
      WHERE at.artwork_id = a.id AND t.name = ${normaliseTag(query.tag)}
    )`);
  }
  if (query.creator !== undefined) conditions.push(sql.fragment`lower(c.username) = lower(${query.creator})`);
  if (query.minPrice !== undefined) conditions.push(sql.fragment`a.price_amount >= ${query.minPrice}`);
  if (query.maxPrice !== undefined) conditions.push(sql.fragment`a.price_amount <= ${query.maxPrice}`);
  if (query.pricing !== undefined) conditions.push(sql.fragment`a.is_free = ${query.pricing === 'free'}`);
  return conditions;
}

export function listArtworks(db: DatabaseTransactionConnection, query: ListQuery) {
  const sort: Sort = query.sort ?? (query.q ? 'relevance' : 'newest');
  if (sort === 'relevance' && !query.q) throw validationFailed('/query/sort', 'relevance needs q');
  if (query.q !== undefined && queryTerms(query.q).length === 0) {
    throw validationFailed('/query/q', 'must contain a word');
  }
  return search(db, query, sort);
}

/** The original design's popular_artworks: published, by 0.4·likes + 0.3·views + 0.3·comments. */
export function listPopular(
  db: DatabaseTransactionConnection,
  query: { category?: string; limit?: number; cursor?: string },
) {
  return search(db, query, 'popular');
}

function search(db: DatabaseTransactionConnection, query: ListQuery, sort: Sort) {
  const status = query.status ?? 'published';
  // Literal for published (the search and sort indexes are partial on it); other statuses are the caller's own.
  const scope =
    status === 'published'
      ? sql.fragment`a.status = 'published'`
      : sql.fragment`a.status = ${status} AND a.account_id = platform.current_account_id()`;
  const spec = sortSpec(sort, query);
  return paginateByKey(`nex-artworks-${status}-${sort}`, query, spec.keyOf, (after, take) =>
    searchArtworks(
      db,
      { scope, conditions: filters(query), sortKey: spec.key, after: afterCursor(spec, after) },
      take,
    ),
  );
}
