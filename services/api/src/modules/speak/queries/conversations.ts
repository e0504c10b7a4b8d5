/** speak.conversations, one function per statement; every statement names the account (RLS checks it too). */
import { speak } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type, { type Static } from 'typebox';
import { rowType } from '../../../db/row-type.ts';
import { afterPosition, type Position } from '../../../kernel/pagination.ts';

const ConversationRecord = Type.Object({
  ...speak.conversations.Conversation.properties,
  seed: Type.Integer(),
  scriptPosition: Type.Integer(),
});
const ConversationRow = rowType(ConversationRecord);
export type ConversationRecord = Static<typeof ConversationRecord>;

export type ConversationFilters = Omit<Static<typeof speak.conversations.list.query>, 'limit' | 'cursor'>;

const conversationColumns = sql.fragment`
  id, title, json_build_object('native', native_language, 'target', target_language) AS "languagePair",
  scenario, specialization, difficulty_level AS "difficultyLevel", script_id AS "scriptId",
  script_adherence_score AS "scriptAdherenceScore", started_at AS "startedAt", ended_at AS "endedAt",
  duration_seconds AS "durationSeconds", speaking_seconds AS "speakingSeconds", message_count AS "messageCount",
  user_message_count AS "userMessageCount", ai_message_count AS "aiMessageCount", words_spoken AS "wordsSpoken",
  unique_words_used AS "uniqueWordsUsed", fluency_score AS "fluencyScore", accuracy_score AS "accuracyScore",
  pronunciation_score AS "pronunciationScore", overall_score AS "overallScore", rating, created_at AS "createdAt",
  seed, script_position AS "scriptPosition"
`;

export interface NewConversation {
  accountId: string;
  title: string | null;
  nativeLanguage: string;
  targetLanguage: string;
  scenario: string;
  specialization: string | null;
  difficultyLevel: number;
  scriptId: string | null;
  seed: number;
  /** The service's clock (tests move it), so durations and study days follow one clock. */
  startedAt: string;
}

export function insertConversation(db: CommonQueryMethods, c: NewConversation) {
  return db.one(sql.type(ConversationRow)`
    INSERT INTO speak.conversations (account_id, title, native_language, target_language, scenario, specialization,
                                     difficulty_level, script_id, seed, started_at, created_at)
    VALUES (${c.accountId}, ${c.title}, ${c.nativeLanguage}, ${c.targetLanguage}, ${c.scenario}, ${c.specialization},
            ${c.difficultyLevel}, ${c.scriptId}, ${c.seed}, ${c.startedAt}::timestamptz, ${c.startedAt}::timestamptz)
    RETURNING ${conversationColumns}
  `);
}

export function findConversation(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(ConversationRow)`
    SELECT ${conversationColumns} FROM speak.conversations WHERE account_id = ${accountId} AND id = ${id}
  `);
}

/** The same, its row locked until COMMIT: turns of one conversation take their script line one after another. */
export function lockConversation(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(ConversationRow)`
    SELECT ${conversationColumns} FROM speak.conversations WHERE account_id = ${accountId} AND id = ${id} FOR UPDATE
  `);
}

export function listConversations(
  db: CommonQueryMethods,
  accountId: string,
  filters: ConversationFilters,
  after: Position | null,
  take: number,
) {
  const parts = [sql.fragment`account_id = ${accountId}`];
  if (filters.language !== undefined) parts.push(sql.fragment`target_language = ${filters.language}`);
  if (filters.scenario !== undefined) parts.push(sql.fragment`scenario = ${filters.scenario}`);
  if (filters.ended !== undefined)
    parts.push(
      filters.ended === 'true' ? sql.fragment`ended_at IS NOT NULL` : sql.fragment`ended_at IS NULL`,
    );
  if (filters.from !== undefined) parts.push(sql.fragment`created_at >= ${filters.from}::timestamptz`);
  if (filters.to !== undefined) parts.push(sql.fragment`created_at < ${filters.to}::timestamptz`);
  return db.any(sql.type(ConversationRow)`
    SELECT ${conversationColumns} FROM speak.conversations
    WHERE ${sql.join(parts, sql.fragment` AND `)} ${afterPosition(after)}
    ORDER BY created_at DESC, id DESC LIMIT ${take}
  `);
}

/**
 * Counts a learner turn on a running conversation, under its row lock (turns of one conversation
 * queue here, so script positions follow the order they commit in). Null when it has ended.
 */
export function countTurn(
  db: CommonQueryMethods,
  accountId: string,
  id: string,
  turn: { speakingSeconds: number; scriptPosition: number; messages: number },
) {
  return db.maybeOne(sql.type(ConversationRow)`
    UPDATE speak.conversations
    SET speaking_seconds = speaking_seconds + ${turn.speakingSeconds},
        script_position = ${turn.scriptPosition},
        message_count = message_count + ${turn.messages},
        user_message_count = user_message_count + 1
    WHERE account_id = ${accountId} AND id = ${id} AND ended_at IS NULL
    RETURNING ${conversationColumns}
  `);
}

/** A scripted conversation's opening: the partner's first lines and the learner's first suggestion. */
export function countOpening(
  db: CommonQueryMethods,
  accountId: string,
  id: string,
  opening: { replies: number; suggestions: number; scriptPosition: number },
) {
  return db.one(sql.type(ConversationRow)`
    UPDATE speak.conversations
    SET message_count = message_count + ${opening.replies + opening.suggestions},
        ai_message_count = ai_message_count + ${opening.replies}, script_position = ${opening.scriptPosition}
    WHERE account_id = ${accountId} AND id = ${id}
    RETURNING ${conversationColumns}
  `);
}

/** A partner message (reply or suggestion) joins the counts. */
export function countPartnerMessage(db: CommonQueryMethods, accountId: string, id: string, isReply: boolean) {
  return db.maybeOne(sql.type(ConversationRow)`
    UPDATE speak.conversations
    SET message_count = message_count + 1, ai_message_count = ai_message_count + ${isReply ? 1 : 0}
    WHERE account_id = ${accountId} AND id = ${id}
    RETURNING ${conversationColumns}
  `);
}

export interface EndedConversation {
  endedAt: string;
  durationSeconds: number;
  wordsSpoken: number;
  uniqueWordsUsed: number;
  adherence: number | null;
  fluency: number | null;
  accuracy: number | null;
  pronunciation: number | null;
  overall: number | null;
  rating: number | null;
}

/** Ends a running conversation; null when it had ended already (ending is idempotent). */
export function endConversation(
  db: CommonQueryMethods,
  accountId: string,
  id: string,
  end: EndedConversation,
) {
  return db.maybeOne(sql.type(ConversationRow)`
    UPDATE speak.conversations
    SET ended_at = ${end.endedAt}::timestamptz,
        duration_seconds = ${end.durationSeconds}, words_spoken = ${end.wordsSpoken},
        unique_words_used = ${end.uniqueWordsUsed}, script_adherence_score = ${end.adherence},
        fluency_score = ${end.fluency}, accuracy_score = ${end.accuracy},
        pronunciation_score = ${end.pronunciation}, overall_score = ${end.overall}, rating = ${end.rating}
    WHERE account_id = ${accountId} AND id = ${id} AND ended_at IS NULL
    RETURNING ${conversationColumns}
  `);
}
