/**
 * speak.progress, speak.vocabulary and speak.achievements: what ending a conversation updates,
 * one function per statement.
 */
import { speak } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type, { type Static } from 'typebox';
import { NoRows, rowType } from '../../../db/row-type.ts';
import { afterPosition, type Position } from '../../../kernel/pagination.ts';

const ProgressRow = rowType(
  Type.Object({ ...speak.progress.Progress.properties, id: Type.String(), createdAt: Type.String() }),
);
const AchievementRow = rowType(speak.progress.Achievement);
const CountRow = rowType(Type.Object({ count: Type.Number() }));

export type ProgressQuery = Static<typeof speak.progress.list.query>;

/**
 * Streak and weekly minutes are shown as of today in the learner's timezone: a streak whose last
 * day is before yesterday is broken (0), a week that is over shows 0 minutes.
 */
const progressColumns = sql.fragment`
  p.language_code AS "languageCode", p.speaking_level AS "speakingLevel", p.listening_level AS "listeningLevel",
  p.vocabulary_size AS "vocabularySize", p.grammar_accuracy AS "grammarAccuracy",
  p.pronunciation_accuracy AS "pronunciationAccuracy", p.fluency_score AS "fluencyScore",
  p.total_study_seconds / 60 AS "studyMinutes",
  CASE WHEN p.last_study_date >= (now() AT TIME ZONE tz.name)::date - 1 THEN p.consecutive_days ELSE 0 END
    AS "consecutiveDays",
  p.last_study_date::text AS "lastStudyDate", p.weekly_goal_minutes AS "weeklyGoalMinutes",
  CASE WHEN p.week_start = date_trunc('week', now() AT TIME ZONE tz.name)::date THEN p.weekly_achieved_seconds / 60 ELSE 0 END
    AS "weeklyAchievedMinutes",
  p.week_start::text AS "weekStart", p.topic_mastery AS "topicMastery", p.updated_at AS "updatedAt",
  p.created_at AS "createdAt", p.id
`;

const learnerZone = (accountId: string) => sql.fragment`
  (SELECT COALESCE((SELECT timezone FROM speak.profiles WHERE account_id = ${accountId}), 'UTC') AS name) AS tz
`;

export function listProgress(
  db: CommonQueryMethods,
  accountId: string,
  language: string | undefined,
  after: Position | null,
  take: number,
) {
  const only = language === undefined ? sql.fragment`` : sql.fragment`AND p.language_code = ${language}`;
  return db.any(sql.type(ProgressRow)`
    SELECT ${progressColumns} FROM speak.progress p, ${learnerZone(accountId)}
    WHERE p.account_id = ${accountId} ${only} ${afterPosition(after, 'p')}
    ORDER BY p.created_at DESC, p.id DESC LIMIT ${take}
  `);
}

export interface ProgressUpdate {
  language: string;
  scenario: string;
  /** When the conversation ended, and the learner's timezone: the study day. */
  endedAt: string;
  timezone: string;
  studySeconds: number;
  vocabularySize: number;
  /** 0–1; null without a script (topic mastery unchanged). */
  adherence: number | null;
}

/**
 * One statement: the 30-day averages of the language's ended conversations (this one included,
 * ended earlier in the same transaction), study time, the streak and the week's minutes by the
 * learner's calendar (a second conversation the same day keeps the streak; the next day extends it;
 * a gap restarts it at 1), and the scenario's mastery (the best adherence reached).
 */
export function updateProgress(db: CommonQueryMethods, accountId: string, u: ProgressUpdate) {
  return db.query(sql.type(NoRows)`
    WITH recent AS (
      SELECT avg(overall_score) AS speaking, avg(script_adherence_score) * 100 AS listening,
             avg(accuracy_score) AS grammar, avg(pronunciation_score) AS pronunciation, avg(fluency_score) AS fluency
      FROM speak.conversations
      WHERE account_id = ${accountId} AND target_language = ${u.language} AND ended_at IS NOT NULL
        AND ended_at > ${u.endedAt}::timestamptz - interval '30 days'
    ), day AS (
      SELECT (${u.endedAt}::timestamptz AT TIME ZONE ${u.timezone})::date AS today
    )
    INSERT INTO speak.progress AS p (account_id, language_code, speaking_level, listening_level, vocabulary_size,
      grammar_accuracy, pronunciation_accuracy, fluency_score, total_study_seconds, consecutive_days, last_study_date,
      week_start, weekly_achieved_seconds, topic_mastery)
    SELECT ${accountId}, ${u.language}, COALESCE(r.speaking, 0), COALESCE(r.listening, 0), ${u.vocabularySize},
           COALESCE(r.grammar, 0), COALESCE(r.pronunciation, 0), COALESCE(r.fluency, 0), ${u.studySeconds}, 1, d.today,
           date_trunc('week', d.today)::date, ${u.studySeconds},
           CASE WHEN ${u.adherence}::numeric IS NULL THEN '{}'::jsonb
                ELSE jsonb_build_object(${u.scenario}::text, ${u.adherence}::numeric) END
    FROM recent r, day d
    ON CONFLICT (account_id, language_code) DO UPDATE SET
      speaking_level = EXCLUDED.speaking_level, listening_level = EXCLUDED.listening_level,
      grammar_accuracy = EXCLUDED.grammar_accuracy, pronunciation_accuracy = EXCLUDED.pronunciation_accuracy,
      fluency_score = EXCLUDED.fluency_score, vocabulary_size = EXCLUDED.vocabulary_size,
      total_study_seconds = p.total_study_seconds + EXCLUDED.total_study_seconds,
      consecutive_days = CASE
        WHEN p.last_study_date IS NULL OR p.last_study_date < EXCLUDED.last_study_date - 1 THEN 1
        WHEN p.last_study_date = EXCLUDED.last_study_date - 1 THEN p.consecutive_days + 1
        ELSE p.consecutive_days END,
      last_study_date = GREATEST(p.last_study_date, EXCLUDED.last_study_date),
      weekly_achieved_seconds = CASE WHEN p.week_start = EXCLUDED.week_start
        THEN p.weekly_achieved_seconds + EXCLUDED.weekly_achieved_seconds ELSE EXCLUDED.weekly_achieved_seconds END,
      week_start = EXCLUDED.week_start,
      topic_mastery = CASE WHEN ${u.adherence}::numeric IS NULL THEN p.topic_mastery
        ELSE p.topic_mastery || jsonb_build_object(${u.scenario}::text,
          GREATEST(COALESCE((p.topic_mastery ->> ${u.scenario}::text)::numeric, 0), ${u.adherence}::numeric)) END,
      updated_at = now()
  `);
}

/** Remembers the words (new ones only); bounded by the caller (a conversation's turns). */
export function addVocabulary(
  db: CommonQueryMethods,
  accountId: string,
  language: string,
  words: readonly string[],
) {
  return db.query(sql.type(NoRows)`
    INSERT INTO speak.vocabulary (account_id, language_code, word)
    SELECT ${accountId}, ${language}, word FROM unnest(${sql.array([...words], 'text')}) AS word
    ON CONFLICT DO NOTHING
  `);
}

export async function vocabularySize(
  db: CommonQueryMethods,
  accountId: string,
  language: string,
): Promise<number> {
  const row = await db.one(sql.type(CountRow)`
    SELECT count(*) AS count FROM speak.vocabulary WHERE account_id = ${accountId} AND language_code = ${language}
  `);
  return row.count;
}

/**
 * Measures every achievement's criterion for the account and records progress; an achievement is
 * earned once (its `earned_at` never changes after), and progress only grows.
 */
export function checkAchievements(db: CommonQueryMethods, accountId: string, at: string) {
  return db.query(sql.type(NoRows)`
    WITH metrics AS (
      SELECT jsonb_build_object(
        'conversations', (SELECT count(*) FROM speak.conversations WHERE account_id = ${accountId} AND ended_at IS NOT NULL),
        'scriptedConversations', (SELECT count(*) FROM speak.conversations
                                  WHERE account_id = ${accountId} AND ended_at IS NOT NULL AND script_id IS NOT NULL),
        'streakDays', (SELECT COALESCE(max(consecutive_days), 0) FROM speak.progress WHERE account_id = ${accountId}),
        'speakingMinutes', (SELECT COALESCE(sum(speaking_seconds), 0) / 60 FROM speak.conversations
                            WHERE account_id = ${accountId} AND ended_at IS NOT NULL),
        'uniqueWords', (SELECT COALESCE(max(vocabulary_size), 0) FROM speak.progress WHERE account_id = ${accountId})
      ) AS m
    )
    INSERT INTO speak.achievements AS a (account_id, code, progress, earned_at)
    SELECT ${accountId}, d.code,
           LEAST(100, round(100.0 * COALESCE((metrics.m ->> c.key)::numeric, 0) / c.value::numeric, 2)),
           CASE WHEN COALESCE((metrics.m ->> c.key)::numeric, 0) >= c.value::numeric THEN ${at}::timestamptz END
    FROM speak.achievement_definitions d CROSS JOIN LATERAL jsonb_each_text(d.criteria) AS c (key, value), metrics
    ON CONFLICT (account_id, code) DO UPDATE SET
      progress = GREATEST(a.progress, EXCLUDED.progress), earned_at = COALESCE(a.earned_at, EXCLUDED.earned_at)
  `);
}

export function listAchievements(
  db: CommonQueryMethods,
  accountId: string,
  earned: 'true' | 'false' | undefined,
) {
  const only =
    earned === undefined
      ? sql.fragment``
      : earned === 'true'
        ? sql.fragment`WHERE a.earned_at IS NOT NULL`
        : sql.fragment`WHERE a.earned_at IS NULL`;
  return db.any(sql.type(AchievementRow)`
    SELECT d.code, d.name, d.description, d.criteria, d.category, d.tier, COALESCE(a.progress, 0) AS progress,
           a.earned_at IS NOT NULL AS earned, a.earned_at AS "earnedAt"
    FROM speak.achievement_definitions d
    LEFT JOIN speak.achievements a ON a.code = d.code AND a.account_id = ${accountId}
    ${only}
    ORDER BY d.display_order
  `);
}
