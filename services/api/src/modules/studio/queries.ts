/**
 * Character Studio's SQL (schema `studio`, docs/products/studio.md), one function per
 * statement. Every statement names the account, and RLS checks it too.
 */
import { studio } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type, { type Static } from 'typebox';
import { NoRows, rowType } from '../../db/row-type.ts';
import {
  afterKeyedPosition,
  afterPosition,
  type KeyedPosition,
  type Position,
} from '../../kernel/pagination.ts';

type Features = Static<typeof studio.CharacterFeatures>;

// ---- characters -------------------------------------------------------------

const CharacterRow = rowType(studio.characters.Character);

const characterColumns = sql.fragment`
  id, name, base_image_file_id AS "baseImageFileId", art_style AS "artStyle", features,
  master_prompt AS "masterPrompt", consistency_score AS "consistencyScore",
  average_difference_consistency AS "averageDifferenceConsistency",
  created_at AS "createdAt", updated_at AS "updatedAt"
`;

export interface NewCharacter {
  accountId: string;
  name: string;
  baseImageFileId: string;
  artStyle: string;
  features: Features;
  masterPrompt: string;
  /** The analyser's score of the base image. */
  consistencyScore: number;
}

export function insertCharacter(db: CommonQueryMethods, character: NewCharacter) {
  return db.one(sql.type(CharacterRow)`
    INSERT INTO studio.characters
      (account_id, name, base_image_file_id, art_style, features, master_prompt, consistency_score)
    VALUES (${character.accountId}, ${character.name}, ${character.baseImageFileId}, ${character.artStyle},
            ${sql.jsonb(character.features)}, ${character.masterPrompt}, ${character.consistencyScore})
    RETURNING ${characterColumns}
  `);
}

export interface CharacterFilters {
  artStyle?: string | undefined;
  /**
   * `features @> …` documents (query pattern 4), either of which matches, looked up in the GIN
   * index by migrations/0007's function; undefined for no feature filter.
   */
  containingAnyOf?: readonly [Record<string, unknown>, Record<string, unknown>?] | undefined;
  /** Embed the newest difference of each expression. */
  withDifferences?: boolean;
}

/** The newest difference of each expression of `c`, by expression, as a JSON array in the row. */
const latestDifferences = sql.fragment`
  , COALESCE((
      SELECT json_agg(latest ORDER BY latest.expression) FROM (
        SELECT DISTINCT ON (d.expression)
          d.id, d.character_id AS "characterId", d.batch_id AS "batchId", d.expression,
          d.custom_prompt AS "customPrompt", d.image_file_id AS "imageFileId",
          '/v1/files/' || d.image_file_id AS "imageUrl", d.consistency_score AS "consistencyScore",
          d.generation_time_ms AS "generationTimeMs", d.resolution, d.aspect_ratio AS "aspectRatio",
          -- The text the pool's timestamptz parser gives (src/db/pool.ts): trailing zeros trimmed.
          regexp_replace(to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '\\.?0+$', '')
            || 'Z' AS "createdAt"
        FROM studio.differences d
        WHERE d.account_id = c.account_id AND d.character_id = c.id
        ORDER BY d.expression, d.created_at DESC, d.id DESC
      ) latest
    ), '[]') AS differences
`;

/**
 * A page of characters in one statement, their newest differences too when
 * asked, never N+1 queries: the lateral subquery
 * reads idx_differences_char_expr once per character of the page.
 */
export function listCharacters(
  db: CommonQueryMethods,
  accountId: string,
  filters: CharacterFilters,
  after: Position | null,
  take: number,
) {
  const byArtStyle =
    filters.artStyle === undefined ? sql.fragment`` : sql.fragment`AND art_style = ${filters.artStyle}`;
  const [features, orFeatures] = filters.containingAnyOf ?? [];
  const byFeatures =
    features === undefined
      ? sql.fragment``
      : sql.fragment`AND id IN (SELECT studio.character_ids_with_features(${sql.jsonb(features as never)}, ${
          orFeatures === undefined ? null : sql.jsonb(orFeatures as never)
        }))`;
  return db.any(sql.type(CharacterRow)`
    SELECT ${characterColumns} ${filters.withDifferences ? latestDifferences : sql.fragment``}
    FROM studio.characters c
    WHERE account_id = ${accountId} ${byArtStyle} ${byFeatures} ${afterPosition(after)}
    ORDER BY created_at DESC, id DESC
    LIMIT ${take}
  `);
}

export function findCharacter(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(CharacterRow)`
    SELECT ${characterColumns} FROM studio.characters WHERE account_id = ${accountId} AND id = ${id}
  `);
}

export function renameCharacter(db: CommonQueryMethods, accountId: string, id: string, name: string) {
  return db.maybeOne(sql.type(CharacterRow)`
    UPDATE studio.characters SET name = ${name}, updated_at = clock_timestamp()
    WHERE account_id = ${accountId} AND id = ${id}
    RETURNING ${characterColumns}
  `);
}

/** Deletes a character with its batches (ON DELETE CASCADE); false when there was none. */
export async function deleteCharacter(db: CommonQueryMethods, accountId: string, id: string) {
  const result = await db.query(sql.type(NoRows)`
    DELETE FROM studio.characters WHERE account_id = ${accountId} AND id = ${id}
  `);
  return result.rowCount > 0;
}

/** Keeps `characters.average_difference_consistency` the mean of its differences' scores (migrations/0007). */
export function refreshAverageDifferenceConsistency(
  db: CommonQueryMethods,
  accountId: string,
  characterId: string,
) {
  return db.query(sql.type(NoRows)`
    SELECT studio.refresh_average_difference_consistency(${accountId}, ${characterId})
  `);
}

// ---- generation batches (table generation_jobs) ----------------------------

const GenerationRow = rowType(studio.generations.Generation);

const generationColumns = sql.fragment`
  id, character_id AS "characterId", job_id AS "jobId", expressions, custom_prompt AS "customPrompt",
  resolution, aspect_ratio AS "aspectRatio", total_differences AS "totalDifferences", completed, status,
  error_message AS "errorMessage", created_at AS "createdAt", updated_at AS "updatedAt",
  completed_at AS "completedAt"
`;

export interface NewGeneration {
  id: string;
  accountId: string;
  characterId: string;
  jobId: string;
  quotaLedgerEntryId: string;
  expressions: readonly string[];
  customPrompt: string | null;
  resolution: string;
  aspectRatio: string;
}

export function insertGeneration(db: CommonQueryMethods, generation: NewGeneration) {
  return db.one(sql.type(GenerationRow)`
    INSERT INTO studio.generation_jobs
      (id, account_id, character_id, job_id, quota_ledger_entry_id, expressions, custom_prompt,
       resolution, aspect_ratio, total_differences)
    VALUES (${generation.id}, ${generation.accountId}, ${generation.characterId}, ${generation.jobId},
            ${generation.quotaLedgerEntryId}, ${sql.array(generation.expressions, 'text')},
            ${generation.customPrompt}, ${generation.resolution}, ${generation.aspectRatio},
            ${generation.expressions.length})
    RETURNING ${generationColumns}
  `);
}

export function findGeneration(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(GenerationRow)`
    SELECT ${generationColumns} FROM studio.generation_jobs WHERE account_id = ${accountId} AND id = ${id}
  `);
}

/** A character's batches, newest first (generation_jobs_character_page_idx). */
export function listGenerations(
  db: CommonQueryMethods,
  accountId: string,
  characterId: string,
  after: Position | null,
  take: number,
) {
  return db.any(sql.type(GenerationRow)`
    SELECT ${generationColumns} FROM studio.generation_jobs
    WHERE account_id = ${accountId} AND character_id = ${characterId} ${afterPosition(after)}
    ORDER BY created_at DESC, id DESC
    LIMIT ${take}
  `);
}

const GenerationWorkRow = rowType(
  Type.Object({
    ...studio.generations.Generation.properties,
    characterName: Type.String(),
    features: studio.CharacterFeatures,
    done: Type.Array(studio.Expression, { description: 'Expressions already drawn.' }),
  }),
);

/**
 * A batch with what the job needs to draw it, locked for the rest of the
 * transaction so two runs of one job (at least once) cannot both draw an
 * expression. Null once the character (and with it the batch) is deleted.
 */
export function lockGenerationWork(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(GenerationWorkRow)`
    SELECT ${generationColumns},
           c.name AS "characterName", c.features,
           ARRAY(SELECT d.expression FROM studio.differences d
                 WHERE d.account_id = g.account_id AND d.batch_id = g.id ORDER BY d.expression) AS done
    FROM studio.generation_jobs g
    CROSS JOIN LATERAL (
      SELECT name, features FROM studio.characters WHERE account_id = g.account_id AND id = g.character_id
    ) c
    WHERE g.account_id = ${accountId} AND g.id = ${id}
    FOR UPDATE OF g
  `);
}

/** `completed` counts the batch's differences; the CHECK keeps it within total_differences. */
export function recordGenerationProgress(db: CommonQueryMethods, accountId: string, id: string) {
  return db.one(sql.type(GenerationRow)`
    UPDATE studio.generation_jobs g
    SET completed = (SELECT count(*) FROM studio.differences d WHERE d.account_id = g.account_id AND d.batch_id = g.id),
        status = 'processing', updated_at = clock_timestamp()
    WHERE g.account_id = ${accountId} AND g.id = ${id}
    RETURNING ${generationColumns}
  `);
}

// ---- differences -----------------------------------------------------------

const DifferenceRow = rowType(studio.differences.Difference);

const differenceColumns = sql.fragment`
  id, character_id AS "characterId", batch_id AS "batchId", expression, custom_prompt AS "customPrompt",
  image_file_id AS "imageFileId", '/v1/files/' || image_file_id AS "imageUrl",
  consistency_score AS "consistencyScore", generation_time_ms AS "generationTimeMs",
  resolution, aspect_ratio AS "aspectRatio", created_at AS "createdAt"
`;

export interface NewDifference {
  accountId: string;
  characterId: string;
  batchId: string;
  expression: string;
  customPrompt: string | null;
  imageFileId: string;
  consistencyScore: number;
  generationTimeMs: number;
  resolution: string;
  aspectRatio: string;
}

export function insertDifference(db: CommonQueryMethods, difference: NewDifference) {
  return db.one(sql.type(DifferenceRow)`
    INSERT INTO studio.differences
      (account_id, character_id, batch_id, expression, custom_prompt, image_file_id, consistency_score,
       generation_time_ms, resolution, aspect_ratio)
    VALUES (${difference.accountId}, ${difference.characterId}, ${difference.batchId}, ${difference.expression},
            ${difference.customPrompt}, ${difference.imageFileId}, ${difference.consistencyScore},
            ${difference.generationTimeMs}, ${difference.resolution}, ${difference.aspectRatio})
    RETURNING ${differenceColumns}
  `);
}

/** Query pattern 2: a character's differences by expression, then newest first. */
export function listDifferences(
  db: CommonQueryMethods,
  accountId: string,
  characterId: string,
  expression: string | undefined,
  after: KeyedPosition | null,
  take: number,
) {
  const onlyExpression =
    expression === undefined ? sql.fragment`` : sql.fragment`AND expression = ${expression}`;
  return db.any(sql.type(DifferenceRow)`
    SELECT ${differenceColumns} FROM studio.differences
    WHERE account_id = ${accountId} AND character_id = ${characterId} ${onlyExpression}
      ${afterKeyedPosition(after, 'expression')}
    ORDER BY expression, created_at DESC, id DESC
    LIMIT ${take}
  `);
}

export function findDifference(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(DifferenceRow)`
    SELECT ${differenceColumns} FROM studio.differences WHERE account_id = ${accountId} AND id = ${id}
  `);
}

const DeletedDifferenceRow = rowType(Type.Object({ characterId: Type.String(), imageFileId: Type.String() }));

export function deleteDifference(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(DeletedDifferenceRow)`
    DELETE FROM studio.differences WHERE account_id = ${accountId} AND id = ${id}
    RETURNING character_id AS "characterId", image_file_id AS "imageFileId"
  `);
}

const ImageFileIdRow = rowType(Type.Object({ imageFileId: Type.String() }));

/** Deletes a character's differences ahead of the character, returning their image files. */
export function deleteDifferencesOfCharacter(db: CommonQueryMethods, accountId: string, characterId: string) {
  return db.anyFirst(sql.type(ImageFileIdRow)`
    DELETE FROM studio.differences WHERE account_id = ${accountId} AND character_id = ${characterId}
    RETURNING image_file_id AS "imageFileId"
  `);
}

// ---- credit transactions ---------------------------------------------------

const CreditTransactionRow = rowType(studio.credits.CreditTransaction);

const creditTransactionColumns = sql.fragment`
  id, character_id AS "characterId", batch_id AS "batchId",
  differences_generated AS "differencesGenerated", credits_used AS "creditsUsed", created_at AS "createdAt"
`;

/** Query pattern 3: by month range (`from` inclusive, `until` exclusive), newest first. */
export function listCreditTransactions(
  db: CommonQueryMethods,
  accountId: string,
  range: { from: string | null; until: string | null },
  after: Position | null,
  take: number,
) {
  const from =
    range.from === null ? sql.fragment`` : sql.fragment`AND created_at >= ${range.from}::timestamptz`;
  const until =
    range.until === null ? sql.fragment`` : sql.fragment`AND created_at < ${range.until}::timestamptz`;
  return db.any(sql.type(CreditTransactionRow)`
    SELECT ${creditTransactionColumns} FROM studio.credit_transactions
    WHERE account_id = ${accountId} ${from} ${until} ${afterPosition(after)}
    ORDER BY created_at DESC, id DESC
    LIMIT ${take}
  `);
}

// ---- stats -----------------------------------------------------------------

const StatsRow = rowType(studio.stats.Stats);

/** studio.user_stats for one account; no row before the first character. */
export function findStats(db: CommonQueryMethods, accountId: string) {
  return db.maybeOne(sql.type(StatsRow)`
    SELECT total_characters AS "totalCharacters", total_differences AS "totalDifferences",
           round(avg_consistency, 2) AS "averageConsistency"
    FROM studio.user_stats WHERE account_id = ${accountId}
  `);
}
