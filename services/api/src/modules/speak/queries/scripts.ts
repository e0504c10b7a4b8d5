/** speak.scripts: the public catalogue and learners' own scripts, one function per statement. */
import { speak } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type, { type Static } from 'typebox';
import { rowType } from '../../../db/row-type.ts';
import { afterPosition, type Position } from '../../../kernel/pagination.ts';

const ScriptRow = rowType(speak.scripts.Script);
const IdRow = rowType(Type.Object({ id: Type.String() }));
const PlanRow = rowType(Type.Object({ plan: Type.String() }));

export type NewScript = Static<typeof speak.scripts.NewScript>;
export type ScriptFilters = Omit<Static<typeof speak.scripts.list.query>, 'limit' | 'cursor'>;

/** `mine` compares with the caller, who may be anonymous (null): a catalogue row is nobody's. */
const scriptColumns = (accountId: string | null) => sql.fragment`
  id, title, description,
  json_build_object('native', native_language, 'target', target_language) AS "languagePair",
  scenario, difficulty_level AS "difficultyLevel", estimated_duration_minutes AS "estimatedDurationMinutes",
  segments, cultural_notes AS "culturalNotes", vocabulary_focus AS "vocabularyFocus", category, tags,
  specialization, is_premium AS "isPremium", visibility,
  COALESCE(account_id = ${accountId}::uuid, false) AS mine,
  usage_count AS "usageCount",
  CASE WHEN rating_count > 0 THEN round(rating_sum::numeric / rating_count, 2) END AS "averageRating",
  CASE WHEN usage_count > 0 THEN round(LEAST(completion_count, usage_count)::numeric / usage_count, 2) END AS "completionRate",
  created_at AS "createdAt"
`;

function filtersOf(filters: ScriptFilters) {
  const parts = [sql.fragment`TRUE`];
  if (filters.nativeLanguage !== undefined)
    parts.push(sql.fragment`native_language = ${filters.nativeLanguage}`);
  if (filters.targetLanguage !== undefined)
    parts.push(sql.fragment`target_language = ${filters.targetLanguage}`);
  if (filters.scenario !== undefined) parts.push(sql.fragment`scenario = ${filters.scenario}`);
  if (filters.category !== undefined) parts.push(sql.fragment`category = ${filters.category}`);
  if (filters.tag !== undefined) parts.push(sql.fragment`tags @> ARRAY[${filters.tag}]::text[]`);
  if (filters.specialization !== undefined)
    parts.push(sql.fragment`specialization = ${filters.specialization}`);
  if (filters.minDifficulty !== undefined)
    parts.push(sql.fragment`difficulty_level >= ${filters.minDifficulty}`);
  if (filters.maxDifficulty !== undefined)
    parts.push(sql.fragment`difficulty_level <= ${filters.maxDifficulty}`);
  if (filters.premium !== undefined) parts.push(sql.fragment`is_premium = ${filters.premium === 'true'}`);
  return sql.join(parts, sql.fragment` AND `);
}

/** RLS shows the public rows and the caller's own; the filters narrow them. */
export function listScripts(
  db: CommonQueryMethods,
  accountId: string | null,
  filters: ScriptFilters,
  after: Position | null,
  take: number,
) {
  return db.any(sql.type(ScriptRow)`
    SELECT ${scriptColumns(accountId)} FROM speak.scripts
    WHERE ${filtersOf(filters)} ${afterPosition(after)}
    ORDER BY created_at DESC, id DESC LIMIT ${take}
  `);
}

export function findScript(db: CommonQueryMethods, accountId: string | null, id: string) {
  return db.maybeOne(
    sql.type(ScriptRow)`SELECT ${scriptColumns(accountId)} FROM speak.scripts WHERE id = ${id}`,
  );
}

export function insertScript(db: CommonQueryMethods, accountId: string, script: NewScript) {
  return db.one(sql.type(ScriptRow)`
    INSERT INTO speak.scripts (account_id, visibility, title, description, native_language, target_language, scenario,
      difficulty_level, estimated_duration_minutes, segments, cultural_notes, vocabulary_focus, category, tags, specialization)
    VALUES (${accountId}, 'private', ${script.title}, ${script.description ?? null}, ${script.languagePair.native},
            ${script.languagePair.target}, ${script.scenario}, ${script.difficultyLevel},
            ${script.estimatedDurationMinutes ?? null}, ${sql.jsonb(script.segments)},
            ${sql.jsonb(script.culturalNotes ?? [])}, ${sql.jsonb(script.vocabularyFocus ?? [])}, ${script.category},
            ${sql.array(script.tags ?? [], 'text')}, ${script.specialization ?? null})
    RETURNING ${scriptColumns(accountId)}
  `);
}

/** Only the caller's own: catalogue rows match no account. */
export function deleteScript(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(IdRow)`
    DELETE FROM speak.scripts WHERE account_id = ${accountId} AND id = ${id} RETURNING id
  `);
}

/** The account's speak plan (platform.current_plan: `free` without an entitling subscription). */
export async function speakPlan(db: CommonQueryMethods, accountId: string): Promise<string> {
  const row = await db.one(
    sql.type(PlanRow)`SELECT platform.current_plan(${accountId}, 'speak', '') AS plan`,
  );
  return row.plan;
}
