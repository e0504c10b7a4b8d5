/** speak.profiles and speak.language_settings, one function per statement. */
import { speak } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type, { type Static } from 'typebox';
import { NoRows, rowType } from '../../../db/row-type.ts';
import { afterPosition, type Position } from '../../../kernel/pagination.ts';

const ProfileRow = rowType(speak.profile.SpeakProfile);
const SettingRow = rowType(Type.Object({ ...speak.languages.LanguageSetting.properties, id: Type.String() }));
const TimezoneRow = rowType(Type.Object({ timezone: Type.String() }));
const VoiceRow = rowType(
  Type.Object({ voice: Type.Union([Type.String(), Type.Null()]), rate: Type.Number() }),
);

export type ProfileRequest = Static<typeof speak.profile.SpeakProfileRequest>;
export type SettingRequest = Static<typeof speak.languages.LanguageSettingRequest>;

const profileColumns = sql.fragment`
  native_language AS "nativeLanguage", target_languages AS "targetLanguages",
  CASE WHEN current_native_language IS NULL THEN NULL
       ELSE json_build_object('native', current_native_language, 'target', current_target_language) END
    AS "currentLanguagePair",
  proficiency_levels AS "proficiencyLevels", timezone, preferred_learning_time AS "preferredLearningTime",
  learning_style AS "learningStyle", preferences, last_active_at AS "lastActiveAt",
  created_at AS "createdAt", updated_at AS "updatedAt"
`;

export function findProfile(db: CommonQueryMethods, accountId: string) {
  return db.maybeOne(
    sql.type(ProfileRow)`SELECT ${profileColumns} FROM speak.profiles WHERE account_id = ${accountId}`,
  );
}

export const DEFAULT_PREFERENCES = {
  notifications: true,
  emailUpdates: false,
  showPronunciationGuide: true,
  autoPlayResponses: true,
};

export function upsertProfile(
  db: CommonQueryMethods,
  accountId: string,
  profile: ProfileRequest & { timezone: string },
) {
  const pair = profile.currentLanguagePair ?? null;
  return db.one(sql.type(ProfileRow)`
    INSERT INTO speak.profiles AS p (account_id, native_language, target_languages, current_native_language,
      current_target_language, proficiency_levels, timezone, preferred_learning_time, learning_style, preferences)
    VALUES (${accountId}, ${profile.nativeLanguage}, ${sql.array(profile.targetLanguages ?? [], 'text')},
            ${pair?.native ?? null}, ${pair?.target ?? null}, ${sql.jsonb(profile.proficiencyLevels ?? {})},
            ${profile.timezone}, ${profile.preferredLearningTime ? sql.jsonb(profile.preferredLearningTime) : null},
            ${profile.learningStyle ?? null}, ${sql.jsonb(profile.preferences ?? DEFAULT_PREFERENCES)})
    ON CONFLICT (account_id) DO UPDATE SET
      native_language = EXCLUDED.native_language, target_languages = EXCLUDED.target_languages,
      current_native_language = EXCLUDED.current_native_language, current_target_language = EXCLUDED.current_target_language,
      proficiency_levels = EXCLUDED.proficiency_levels, timezone = EXCLUDED.timezone,
      preferred_learning_time = EXCLUDED.preferred_learning_time, learning_style = EXCLUDED.learning_style,
      preferences = EXCLUDED.preferences, updated_at = now(), last_active_at = now()
    RETURNING ${profileColumns}
  `);
}

/** The learner's timezone: streaks and study days are counted in it (UTC without a profile). */
export async function learnerTimezone(db: CommonQueryMethods, accountId: string): Promise<string> {
  const row = await db.maybeOne(
    sql.type(TimezoneRow)`SELECT timezone FROM speak.profiles WHERE account_id = ${accountId}`,
  );
  return row?.timezone ?? 'UTC';
}

export function touchProfile(db: CommonQueryMethods, accountId: string) {
  return db.query(
    sql.type(NoRows)`UPDATE speak.profiles SET last_active_at = now() WHERE account_id = ${accountId}`,
  );
}

const settingColumns = sql.fragment`
  id, language_code AS "languageCode", proficiency_level AS "proficiencyLevel", learning_goals AS "learningGoals",
  daily_target_minutes AS "dailyTargetMinutes", preferred_voice AS "preferredVoice", speech_rate AS "speechRate",
  total_learning_seconds / 60 AS "totalLearningMinutes", total_conversations AS "totalConversations",
  vocabulary_mastered AS "vocabularyMastered", created_at AS "createdAt", updated_at AS "updatedAt"
`;

export function listSettings(
  db: CommonQueryMethods,
  accountId: string,
  after: Position | null,
  take: number,
) {
  return db.any(sql.type(SettingRow)`
    SELECT ${settingColumns} FROM speak.language_settings
    WHERE account_id = ${accountId} ${afterPosition(after)}
    ORDER BY created_at DESC, id DESC LIMIT ${take}
  `);
}

export function findSetting(db: CommonQueryMethods, accountId: string, code: string) {
  return db.maybeOne(sql.type(SettingRow)`
    SELECT ${settingColumns} FROM speak.language_settings WHERE account_id = ${accountId} AND language_code = ${code}
  `);
}

export function upsertSetting(
  db: CommonQueryMethods,
  accountId: string,
  code: string,
  setting: SettingRequest,
) {
  return db.one(sql.type(SettingRow)`
    INSERT INTO speak.language_settings (account_id, language_code, proficiency_level, learning_goals,
      daily_target_minutes, preferred_voice, speech_rate)
    VALUES (${accountId}, ${code}, ${setting.proficiencyLevel}, ${sql.array(setting.learningGoals ?? [], 'text')},
            ${setting.dailyTargetMinutes ?? 30}, ${setting.preferredVoice ?? null}, ${setting.speechRate ?? 1.0})
    ON CONFLICT (account_id, language_code) DO UPDATE SET
      proficiency_level = EXCLUDED.proficiency_level, learning_goals = EXCLUDED.learning_goals,
      daily_target_minutes = EXCLUDED.daily_target_minutes, preferred_voice = EXCLUDED.preferred_voice,
      speech_rate = EXCLUDED.speech_rate, updated_at = now()
    RETURNING ${settingColumns}
  `);
}

/** The voice and rate for replies in a language: the learner's settings, or the defaults. */
export async function voiceSettings(db: CommonQueryMethods, accountId: string, code: string) {
  const row = await db.maybeOne(sql.type(VoiceRow)`
    SELECT preferred_voice AS voice, speech_rate AS rate FROM speak.language_settings
    WHERE account_id = ${accountId} AND language_code = ${code}
  `);
  return row ?? { voice: null, rate: 1.0 };
}

/** An ended conversation's share of the language's totals (no settings row: nothing to update). */
export function addToLanguageTotals(
  db: CommonQueryMethods,
  accountId: string,
  code: string,
  totals: { seconds: number; vocabularySize: number },
) {
  return db.query(sql.type(NoRows)`
    UPDATE speak.language_settings
    SET total_learning_seconds = total_learning_seconds + ${totals.seconds},
        total_conversations = total_conversations + 1,
        vocabulary_mastered = ${totals.vocabularySize}, updated_at = now()
    WHERE account_id = ${accountId} AND language_code = ${code}
  `);
}
