import { stickers } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type from 'typebox';
import { NoRows, rowType } from '../../db/row-type.ts';
import { afterPosition, type Position } from '../../kernel/pagination.ts';
import type { StickerSpec } from './spec.ts';

const StickerImageRow = rowType(stickers.images.StickerImage);

const imageColumns = sql.fragment`
  id, job_id AS "jobId", file_id AS "fileId", '/v1/files/' || file_id AS "imageUrl",
  content_type AS "contentType", width, height, title, character_name AS "characterName", attribute, rarity,
  background_color AS "backgroundColor", effects, style, source_image_file_id AS "sourceImageFileId",
  prompt, generator, created_at AS "createdAt"
`;

export interface NewStickerImage {
  accountId: string;
  jobId: string;
  fileId: string;
  spec: StickerSpec;
  prompt: string;
  promptHash: string;
  contentType: 'image/svg+xml' | 'image/png';
  width: number;
  height: number;
  generator: string;
}

/** The job id is unique: a second insert for one job fails instead of storing the image twice. */
export function insertImage(db: CommonQueryMethods, image: NewStickerImage) {
  const { spec } = image;
  return db.one(sql.type(StickerImageRow)`
    INSERT INTO stickers.generated_images (
      account_id, job_id, file_id, prompt, prompt_hash, source_image_file_id, title, character_name,
      attribute, rarity, background_color, effects, style, content_type, width, height, generator
    ) VALUES (
      ${image.accountId}, ${image.jobId}, ${image.fileId}, ${image.prompt}, ${image.promptHash},
      ${spec.sourceImageFileId}, ${spec.title}, ${spec.characterName}, ${spec.attribute}, ${spec.rarity},
      ${spec.backgroundColor}, ${sql.jsonb(spec.effects)}, ${sql.jsonb(spec.style)}, ${image.contentType},
      ${image.width}, ${image.height}, ${image.generator}
    )
    RETURNING ${imageColumns}
  `);
}

export function findImageOfJob(db: CommonQueryMethods, accountId: string, jobId: string) {
  return db.maybeOne(sql.type(StickerImageRow)`
    SELECT ${imageColumns} FROM stickers.generated_images WHERE account_id = ${accountId} AND job_id = ${jobId}
  `);
}

export function findImage(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(StickerImageRow)`
    SELECT ${imageColumns} FROM stickers.generated_images WHERE account_id = ${accountId} AND id = ${id}
  `);
}

export interface ImageFilters {
  rarity?: string | undefined;
  attribute?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export function listImages(
  db: CommonQueryMethods,
  accountId: string,
  filters: ImageFilters,
  after: Position | null,
  take: number,
) {
  const conditions = [
    sql.fragment`account_id = ${accountId}`,
    filters.rarity === undefined ? null : sql.fragment`rarity = ${filters.rarity}`,
    filters.attribute === undefined ? null : sql.fragment`attribute = ${filters.attribute}`,
    filters.from === undefined ? null : sql.fragment`created_at >= ${filters.from}::timestamptz`,
    filters.to === undefined ? null : sql.fragment`created_at < ${filters.to}::timestamptz`,
  ].filter((condition) => condition !== null);
  return db.any(sql.type(StickerImageRow)`
    SELECT ${imageColumns} FROM stickers.generated_images
    WHERE ${sql.join(conditions, sql.fragment` AND `)} ${afterPosition(after)}
    ORDER BY created_at DESC, id DESC
    LIMIT ${take}
  `);
}

const FileIdRow = rowType(Type.Object({ fileId: Type.String() }));

/** The deleted image's file id; null when the account has no such image. Its cache entry goes with it. */
export function deleteImage(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOneFirst(sql.type(FileIdRow)`
    DELETE FROM stickers.generated_images WHERE account_id = ${accountId} AND id = ${id}
    RETURNING file_id AS "fileId"
  `);
}

/** The image a prompt hash produced, while its cache entry has not expired. */
export function findCachedImage(db: CommonQueryMethods, accountId: string, promptHash: string) {
  // Named (src/db/pool.ts): every sticker request runs it, and planning it cost more than running it.
  return db.maybeOne(sql.prepared('find_cached_image', StickerImageRow)`
    SELECT ${imageColumns} FROM stickers.generated_images
    WHERE account_id = ${accountId} AND id = (
      SELECT image_id FROM stickers.image_cache
      WHERE account_id = ${accountId} AND prompt_hash = ${promptHash} AND expires_at > now()
    )
  `);
}

/** Points the prompt hash at a freshly rendered image, replacing an expired (or concurrent) entry. */
export function upsertCacheEntry(
  db: CommonQueryMethods,
  entry: { accountId: string; promptHash: string; imageId: string; ttlDays: number; metadata: object },
) {
  return db.query(sql.type(NoRows)`
    INSERT INTO stickers.image_cache (account_id, prompt_hash, image_id, metadata, expires_at)
    VALUES (
      ${entry.accountId}, ${entry.promptHash}, ${entry.imageId}, ${sql.jsonb(entry.metadata)},
      clock_timestamp() + make_interval(days => ${entry.ttlDays})
    )
    ON CONFLICT (account_id, prompt_hash) DO UPDATE
      SET image_id = EXCLUDED.image_id, metadata = EXCLUDED.metadata,
          expires_at = EXCLUDED.expires_at, created_at = EXCLUDED.created_at
  `);
}

/**
 * Counts a request served from the cache on today's UTC row: one atomic upsert
 * (docs/products/stickers.md, usage statistics). Rendered and failed jobs are counted by the database itself when the job
 * settles (migrations/0005_stickers.sql, stickers.count_render_outcome).
 */
export async function countCacheHit(db: CommonQueryMethods, accountId: string): Promise<void> {
  await db.query(sql.type(NoRows)`
    INSERT INTO stickers.usage_stats (account_id, day, cache_hit_count)
    VALUES (${accountId}, (now() AT TIME ZONE 'UTC')::date, 1)
    ON CONFLICT (account_id, day) DO UPDATE
      SET cache_hit_count = stickers.usage_stats.cache_hit_count + 1, updated_at = clock_timestamp()
  `);
}

const UsageDayRow = rowType(
  Type.Object({ ...stickers.usage.StickerUsageDay.properties, id: Type.String(), createdAt: Type.String() }),
);

/** Days with activity, newest first; the cursor position is the day's midnight (UTC) and the row id. */
export function listUsageDays(
  db: CommonQueryMethods,
  accountId: string,
  range: { from?: string | undefined; to?: string | undefined },
  after: Position | null,
  take: number,
) {
  const conditions = [
    sql.fragment`account_id = ${accountId}`,
    range.from === undefined ? null : sql.fragment`day >= ${range.from}::date`,
    range.to === undefined ? null : sql.fragment`day <= ${range.to}::date`,
    after === null ? null : sql.fragment`day < (${after.createdAt}::timestamptz AT TIME ZONE 'UTC')::date`,
  ].filter((condition) => condition !== null);
  return db.any(sql.type(UsageDayRow)`
    SELECT id, day::timestamp AT TIME ZONE 'UTC' AS "createdAt", day AS date, image_count AS "imageCount",
      total_tokens AS "totalTokens", success_count AS "successCount", failure_count AS "failureCount",
      cache_hit_count AS "cacheHitCount"
    FROM stickers.usage_stats
    WHERE ${sql.join(conditions, sql.fragment` AND `)}
    ORDER BY day DESC
    LIMIT ${take}
  `);
}

const DeletedRow = rowType(Type.Object({ deleted: Type.Integer() }));

/** Deletes up to `limit` finished render jobs created more than `olderThanDays` ago, in any account. */
export function deleteFinishedTasks(db: CommonQueryMethods, olderThanDays: number, limit: number) {
  return db.oneFirst(sql.type(DeletedRow)`
    SELECT stickers.delete_finished_tasks(make_interval(days => ${olderThanDays}), ${limit}) AS deleted
  `);
}

/** Deletes up to `limit` expired cache entries, in any account. */
export function deleteExpiredCacheEntries(db: CommonQueryMethods, limit: number) {
  return db.oneFirst(sql.type(DeletedRow)`SELECT stickers.delete_expired_cache(${limit}) AS deleted`);
}
