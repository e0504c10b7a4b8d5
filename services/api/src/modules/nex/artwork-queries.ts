/**
 * Artworks and their tags (docs/products/nex.md, Artworks and Search). Reads name no account:
 * artworks_read lets through published artworks and the caller's own, nothing else.
 */
import { nex } from '@yorozu/contract';
import { type CommonQueryMethods, type FragmentSqlToken, sql } from 'slonik';
import Type, { type Static } from 'typebox';
import { NoRows, rowType } from '../../db/row-type.ts';

const ArtworkRow = rowType(nex.artworks.Artwork);
export type Artwork = Static<typeof nex.artworks.Artwork>;
const IdRow = rowType(Type.Object({ id: Type.String() }));
const RankedArtworkRow = rowType(
  Type.Intersect([nex.artworks.Artwork, Type.Object({ sortKey: Type.String() })]),
);
export type RankedArtwork = Artwork & { sortKey: string };

const artworkColumns = sql.fragment`
  a.id, c.username AS "creatorUsername", a.title, a.description, cat.slug AS category,
  ARRAY(SELECT t.name FROM nex.artwork_tags at JOIN nex.tags t ON t.id = at.tag_id
        WHERE at.artwork_id = a.id ORDER BY t.name) AS tags,
  a.file_id AS "fileId", a.preview_file_id AS "previewFileId", a.price_amount AS "priceAmount", a.currency, a.is_free AS "isFree",
  a.license_type AS "licenseType", a.is_adult_content AS "isAdultContent", a.status,
  a.view_count AS "viewCount", a.like_count AS "likeCount", a.comment_count AS "commentCount",
  a.published_at AS "publishedAt", a.created_at AS "createdAt", a.updated_at AS "updatedAt"
`;
const artworkSource = sql.fragment`
  nex.artworks a JOIN nex.creators c ON c.account_id = a.account_id JOIN nex.categories cat ON cat.id = a.category_id
`;

export function findCategoryId(db: CommonQueryMethods, slug: string) {
  return db.maybeOneFirst(sql.type(IdRow)`SELECT id FROM nex.categories WHERE slug = ${slug}`);
}

/** The ids of these tag names, creating the names nobody used before. */
export async function tagIds(db: CommonQueryMethods, names: readonly string[]) {
  if (names.length === 0) return [];
  await db.query(sql.type(NoRows)`
    INSERT INTO nex.tags (name) SELECT unnest(${sql.array(names, 'text')}) ON CONFLICT (name) DO NOTHING
  `);
  return db.manyFirst(sql.type(IdRow)`SELECT id FROM nex.tags WHERE name = ANY(${sql.array(names, 'text')})`);
}

export interface ArtworkFields {
  title: string;
  description: string;
  categoryId: string;
  fileId: string | null;
  previewFileId: string | null;
  priceAmount: number;
  currency: string;
  licenseType: string | null;
  isAdultContent: boolean;
  searchTitle: string;
  searchText: string;
}

export function insertArtwork(db: CommonQueryMethods, accountId: string, fields: ArtworkFields) {
  return db.oneFirst(sql.type(IdRow)`
    INSERT INTO nex.artworks (account_id, title, description, category_id, file_id, preview_file_id, price_amount, currency,
                              is_free, license_type, is_adult_content, search_title, search_text)
    VALUES (${accountId}, ${fields.title}, ${fields.description}, ${fields.categoryId}, ${fields.fileId}, ${fields.previewFileId},
            ${fields.priceAmount}, ${fields.currency}, ${fields.priceAmount === 0}, ${fields.licenseType},
            ${fields.isAdultContent}, ${fields.searchTitle}, ${fields.searchText})
    RETURNING id
  `);
}

/** The caller's own artwork: null for anyone else's, published or not. */
export function updateArtwork(db: CommonQueryMethods, accountId: string, id: string, fields: ArtworkFields) {
  return db.maybeOneFirst(sql.type(IdRow)`
    UPDATE nex.artworks SET title = ${fields.title}, description = ${fields.description},
      category_id = ${fields.categoryId}, file_id = ${fields.fileId}, preview_file_id = ${fields.previewFileId}, price_amount = ${fields.priceAmount},
      currency = ${fields.currency}, is_free = ${fields.priceAmount === 0}, license_type = ${fields.licenseType},
      is_adult_content = ${fields.isAdultContent}, search_title = ${fields.searchTitle},
      search_text = ${fields.searchText}, updated_at = now()
    WHERE id = ${id} AND account_id = ${accountId}
    RETURNING id
  `);
}

export async function replaceTags(
  db: CommonQueryMethods,
  accountId: string,
  artworkId: string,
  ids: readonly string[],
) {
  await db.query(sql.type(NoRows)`
    DELETE FROM nex.artwork_tags WHERE artwork_id = ${artworkId} AND NOT (tag_id = ANY(${sql.array(ids, 'uuid')}))
  `);
  await db.query(sql.type(NoRows)`
    INSERT INTO nex.artwork_tags (artwork_id, account_id, tag_id)
    SELECT ${artworkId}, ${accountId}, unnest(${sql.array(ids, 'uuid')}) ON CONFLICT DO NOTHING
  `);
}

/** The fields an owner edits, as stored: the base an update starts from. */
const StoredFieldsRow = rowType(
  Type.Object({
    title: Type.String(),
    description: Type.String(),
    categoryId: Type.String(),
    fileId: Type.Union([Type.String(), Type.Null()]),
    previewFileId: Type.Union([Type.String(), Type.Null()]),
    priceAmount: Type.Integer(),
    currency: Type.String(),
    licenseType: Type.Union([Type.String(), Type.Null()]),
    isAdultContent: Type.Boolean(),
  }),
);

export function findOwnArtworkFields(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(StoredFieldsRow)`
    SELECT title, description, category_id AS "categoryId", file_id AS "fileId", preview_file_id AS "previewFileId",
      price_amount AS "priceAmount", currency, license_type AS "licenseType", is_adult_content AS "isAdultContent"
    FROM nex.artworks WHERE id = ${id} AND account_id = ${accountId}
  `);
}

export function findArtwork(db: CommonQueryMethods, id: string) {
  return db.maybeOne(sql.type(ArtworkRow)`SELECT ${artworkColumns} FROM ${artworkSource} WHERE a.id = ${id}`);
}

export async function deleteArtwork(db: CommonQueryMethods, accountId: string, id: string) {
  const result = await db.query(
    sql.type(NoRows)`DELETE FROM nex.artworks WHERE id = ${id} AND account_id = ${accountId}`,
  );
  return result.rowCount === 1;
}

/**
 * Publishes the caller's artwork if it has media; `published_at` keeps the first publication.
 * Null when it is not the caller's or has no media (the service tells which).
 */
export function publishArtwork(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOneFirst(sql.type(IdRow)`
    UPDATE nex.artworks SET status = 'published', published_at = COALESCE(published_at, now()), updated_at = now()
    WHERE id = ${id} AND account_id = ${accountId} AND file_id IS NOT NULL
    RETURNING id
  `);
}

export function archiveArtwork(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOneFirst(sql.type(IdRow)`
    UPDATE nex.artworks SET status = 'archived', updated_at = now()
    WHERE id = ${id} AND account_id = ${accountId} AND status <> 'draft'
    RETURNING id
  `);
}

export interface ArtworkSearch {
  /** Which rows: `a.status = 'published'`, or the caller's own of another status. */
  scope: FragmentSqlToken;
  /** Extra `AND …` conditions (filters and the query's terms). */
  conditions: FragmentSqlToken[];
  /** The sort key, a column or expression; the order is (key DESC, created_at DESC, id DESC). */
  sortKey: FragmentSqlToken;
  /** `AND (key, created_at, id) < (…)` after a cursor, or nothing. */
  after: FragmentSqlToken;
}

export function searchArtworks(db: CommonQueryMethods, search: ArtworkSearch, take: number) {
  const conditions = search.conditions.length
    ? sql.fragment`AND ${sql.join(search.conditions, sql.fragment` AND `)}`
    : sql.fragment``;
  return db.any(sql.type(RankedArtworkRow)`
    SELECT ${artworkColumns}, sort_key::text AS "sortKey"
    FROM ${artworkSource}, LATERAL (SELECT ${search.sortKey} AS sort_key) k
    WHERE ${search.scope} ${conditions} ${search.after}
    ORDER BY sort_key DESC, a.created_at DESC, a.id DESC
    LIMIT ${take}
  `);
}
