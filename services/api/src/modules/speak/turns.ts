/**
 * A learner turn (docs/products/speak.md, Microphone minutes): in the request's one transaction,
 * the turn is counted and stored, the hour's usage row written, the reply job enqueued, and —
 * for a spoken turn — its measured duration, rounded up to the second, spent from the monthly
 * microphone quota as the transaction's last statement. A turn that does not fit is 402 and
 * leaves nothing behind: no message, no usage, no job.
 */
import { type jobs, speak } from '@yorozu/contract';
import type { DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import { DomainError, notFound } from '../../kernel/errors.ts';
import type { FileStore } from '../../kernel/files/index.ts';
import { enqueueJob, jobResource } from '../../kernel/jobs/index.ts';
import type { SpendAtCommit } from '../../kernel/metering/index.ts';
import { type MeasuredAudio, measureAudio } from './audio.ts';
import { nextLearnerLine, scriptReply } from './engine/engine.ts';
import { corrections, translation } from './feedback/feedback.ts';
import type { GrammarChecker } from './feedback/grammar.ts';
import type { Translator } from './feedback/translator.ts';
import { countTurn, lockConversation } from './queries/conversations.ts';
import { appendEvent } from './queries/events.ts';
import { insertMessage, type Message } from './queries/messages.ts';
import { touchProfile } from './queries/profile.ts';
import { findScript } from './queries/scripts.ts';
import { addUsage } from './queries/usage.ts';
import type { Transcriber } from './transcriber.ts';
import { bestMatch, vocabularyUsed } from './words.ts';

/** The most learner turns one conversation takes: ending it reads them all, so its work stays bounded. */
export const MAX_TURNS = 200;

export interface TurnDependencies {
  files: FileStore;
  transcriber: Transcriber;
  grammar: GrammarChecker;
  translator: Translator;
  spendAtCommit: SpendAtCommit;
}

type NewTurn = Static<typeof speak.messages.NewMessage>;
type Turn = { message: Message; job: Static<typeof jobs.Job>; eventId: number };

export async function sendTurn(
  db: DatabaseTransactionConnection,
  accountId: string,
  conversationId: string,
  turn: NewTurn,
  deps: TurnDependencies,
): Promise<Turn> {
  const conversation = await lockConversation(db, accountId, conversationId);
  if (!conversation) throw notFound('conversation');
  if (conversation.endedAt !== null)
    throw new DomainError('conflict', 'The conversation has ended: start a new one.');
  if (conversation.userMessageCount >= MAX_TURNS) {
    throw new DomainError(
      'conflict',
      `A conversation takes at most ${MAX_TURNS} turns: end it and start a new one.`,
    );
  }
  const language = conversation.languagePair.target;
  const audio: MeasuredAudio | null =
    turn.audioFileId === undefined ? null : await measureAudio(db, deps.files, accountId, turn.audioFileId);
  const text = turn.text ?? (audio ? await deps.transcriber.transcribe(audio, language) : '');

  const script =
    conversation.scriptId === null ? null : await findScript(db, accountId, conversation.scriptId);
  const expected = script ? nextLearnerLine(script.segments, conversation.scriptPosition) : null;
  const match = expected ? bestMatch(text, [expected.text, ...expected.alternatives], language) : null;
  const grammarCorrections = await corrections(deps.grammar, {
    text,
    language,
    nativeLanguage: conversation.languagePair.native,
    spoken: audio !== null,
  });
  const translated = await translation(deps.translator, text, language, conversation.languagePair.native);

  const counted = await countTurn(db, accountId, conversationId, {
    speakingSeconds: audio?.seconds ?? 0,
    // Past the learner line and the partner line answering it: the next turn matches the line after.
    scriptPosition: expected
      ? (scriptReply(script?.segments ?? [], expected.order)?.order ?? expected.order)
      : conversation.scriptPosition,
    messages: 1,
  });
  if (!counted) throw new DomainError('conflict', 'The conversation has ended: start a new one.');
  const message = await insertMessage(db, {
    accountId,
    conversationId,
    type: 'user_speech',
    content: text,
    language,
    ...translated,
    audioFileId: audio?.fileId ?? null,
    audioDurationMs: audio?.durationMs ?? null,
    scriptSegment: expected?.order ?? null,
    pronunciationAnalysis: match
      ? {
          method: 'transcript_similarity',
          expected: match.expected,
          similarity: Math.round(match.similarity * 100) / 100,
        }
      : null,
    grammarCorrections,
    vocabularyHighlights: script ? vocabularyUsed(text, script.vocabularyFocus, language) : null,
    replyTo: null,
  });
  if (audio) {
    // Made as the transaction's last statement; over the limit it fails the request and all of the above rolls back.
    await deps.spendAtCommit({
      accountId,
      product: 'speak',
      metric: 'seconds',
      amount: audio.seconds,
      reason: 'speak.messages.create',
      referenceId: message.id,
    });
  }
  await addUsage(db, accountId, {
    microphoneSeconds: audio?.seconds ?? 0,
    conversations: 0,
    messages: 1,
    languages: audio ? { [language]: audio.seconds } : {},
    features: { [audio ? 'audio_turn' : 'text_turn']: 1 },
  });
  await touchProfile(db, accountId);
  const job = await enqueueJob(db, speak.replyJob, {
    accountId,
    payload: { conversationId, messageId: message.id },
  });
  const { seq } = await appendEvent(db, accountId, conversationId, 'message', message);
  return { message, job: jobResource(job), eventId: seq };
}
