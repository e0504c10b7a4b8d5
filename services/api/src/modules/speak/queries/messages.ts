/** speak.messages, one function per statement; every statement names the account (RLS checks it too). */
import { speak } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type, { type Static } from 'typebox';
import { rowType } from '../../../db/row-type.ts';
import { afterPosition, type Position } from '../../../kernel/pagination.ts';

const MessageRow = rowType(speak.messages.Message);
export type Message = Static<typeof speak.messages.Message>;
type MessageType = Message['type'];

const ScoringRow = rowType(
  Type.Object({
    content: Type.String(),
    spoken: Type.Boolean(),
    similarity: Type.Union([Type.Number(), Type.Null()]),
  }),
);
const HistoryRow = rowType(Type.Object({ isAi: Type.Boolean(), content: Type.String() }));

const messageColumns = sql.fragment`
  id, conversation_id AS "conversationId", message_type AS type, is_ai AS "isAi", content, language,
  translated_content AS "translatedContent", translation_source AS "translationSource", audio_file_id AS "audioFileId",
  CASE WHEN audio_file_id IS NULL THEN NULL ELSE '/v1/files/' || audio_file_id END AS "audioUrl",
  audio_duration_ms AS "audioDurationMs", script_segment AS "scriptSegment",
  pronunciation_analysis AS "pronunciationAnalysis", grammar_corrections AS "grammarCorrections",
  vocabulary_highlights AS "vocabularyHighlights", reply_to AS "replyTo", created_at AS "createdAt"
`;

export interface NewMessage {
  accountId: string;
  conversationId: string;
  type: MessageType;
  content: string;
  language: string;
  translatedContent: Message['translatedContent'];
  translationSource: string | null;
  audioFileId: string | null;
  audioDurationMs: number | null;
  scriptSegment: number | null;
  pronunciationAnalysis: Message['pronunciationAnalysis'];
  grammarCorrections: Message['grammarCorrections'];
  vocabularyHighlights: string[] | null;
  replyTo: string | null;
}

export function insertMessage(db: CommonQueryMethods, m: NewMessage) {
  return db.one(sql.type(MessageRow)`
    INSERT INTO speak.messages (account_id, conversation_id, message_type, is_ai, content, language,
      translated_content, translation_source, audio_file_id, audio_duration_ms, script_segment,
      pronunciation_analysis, grammar_corrections, vocabulary_highlights, reply_to)
    VALUES (${m.accountId}, ${m.conversationId}, ${m.type}, ${m.type !== 'user_speech'}, ${m.content}, ${m.language},
            ${m.translatedContent ? sql.jsonb(m.translatedContent) : null}, ${m.translationSource},
            ${m.audioFileId}, ${m.audioDurationMs}, ${m.scriptSegment},
            ${m.pronunciationAnalysis ? sql.jsonb(m.pronunciationAnalysis) : null},
            ${m.grammarCorrections ? sql.jsonb(m.grammarCorrections) : null},
            ${m.vocabularyHighlights ? sql.jsonb(m.vocabularyHighlights) : null}, ${m.replyTo})
    RETURNING ${messageColumns}
  `);
}

export function listMessages(
  db: CommonQueryMethods,
  accountId: string,
  conversationId: string,
  type: MessageType | undefined,
  after: Position | null,
  take: number,
) {
  const ofType = type === undefined ? sql.fragment`` : sql.fragment`AND message_type = ${type}`;
  return db.any(sql.type(MessageRow)`
    SELECT ${messageColumns} FROM speak.messages
    WHERE account_id = ${accountId} AND conversation_id = ${conversationId} ${ofType} ${afterPosition(after)}
    ORDER BY created_at DESC, id DESC LIMIT ${take}
  `);
}

export function findMessage(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(
    sql.type(
      MessageRow,
    )`SELECT ${messageColumns} FROM speak.messages WHERE account_id = ${accountId} AND id = ${id}`,
  );
}

/** The reply (or suggestion) already written for a learner message: a retried job finds it. */
export function findAnswer(db: CommonQueryMethods, accountId: string, replyTo: string, type: MessageType) {
  return db.maybeOne(sql.type(MessageRow)`
    SELECT ${messageColumns} FROM speak.messages
    WHERE account_id = ${accountId} AND reply_to = ${replyTo} AND message_type = ${type}
  `);
}

/** The learner's turns, for the scores (a conversation holds at most MAX_TURNS of them). */
export function learnerTurns(db: CommonQueryMethods, accountId: string, conversationId: string) {
  return db.any(sql.type(ScoringRow)`
    SELECT content, audio_file_id IS NOT NULL AS spoken, (pronunciation_analysis ->> 'similarity')::float8 AS similarity
    FROM speak.messages
    WHERE account_id = ${accountId} AND conversation_id = ${conversationId} AND message_type = 'user_speech'
    ORDER BY created_at, id
  `);
}

/** The last `take` turns and replies before (and including) a message, oldest first: the partner's context. */
export function recentHistory(
  db: CommonQueryMethods,
  accountId: string,
  conversationId: string,
  upTo: string,
  take: number,
) {
  return db.any(sql.type(HistoryRow)`
    SELECT "isAi", content FROM (
      SELECT is_ai AS "isAi", content, created_at, id FROM speak.messages
      WHERE account_id = ${accountId} AND conversation_id = ${conversationId}
        AND message_type IN ('user_speech', 'ai_response')
        AND created_at <= (SELECT created_at FROM speak.messages WHERE account_id = ${accountId} AND id = ${upTo})
      ORDER BY created_at DESC, id DESC LIMIT ${take}
    ) AS recent ORDER BY created_at, id
  `);
}

/** Gives a partner line written unvoiced its voice, once: a retried job finds it already set. */
export function setMessageAudio(
  db: CommonQueryMethods,
  accountId: string,
  id: string,
  audio: { fileId: string; durationMs: number | null },
) {
  return db.maybeOne(sql.type(MessageRow)`
    UPDATE speak.messages SET audio_file_id = ${audio.fileId}, audio_duration_ms = ${audio.durationMs}
    WHERE account_id = ${accountId} AND id = ${id} AND audio_file_id IS NULL
    RETURNING ${messageColumns}
  `);
}
