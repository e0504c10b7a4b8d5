/**
 * `speak.reply`: the partner's answer to a learner turn. The engine's pieces are appended to the
 * conversation's events as they come (`delta`, each in a short transaction of its own, so a
 * stream sees them at once); then the whole reply is voiced (speech synthesis, on a worker
 * thread), stored as a private WAV file, and written as an `ai_response` message with the
 * script's next learner line as a `script_suggestion`, in one transaction. Jobs run at least
 * once: a retried job finds the reply it already wrote (unique per learner message) and stops.
 * Given a partner line instead of a learner turn (a script's opening), the job only voices it.
 */
import { type JobPayload, type JobResult, speak } from '@yorozu/contract';
import type { FileStore } from '../../kernel/files/index.ts';
import {
  DEFAULT_MAX_ATTEMPTS,
  isRetryable,
  type JobContext,
  JobFailure,
  type JobHandler,
  jobError,
  jobHandler,
} from '../../kernel/jobs/index.ts';
import { type ConversationEngine, nextLearnerLine, scriptReply } from './engine/engine.ts';
import { translation } from './feedback/feedback.ts';
import type { Translator } from './feedback/translator.ts';
import { countPartnerMessage, findConversation } from './queries/conversations.ts';
import { appendEvent } from './queries/events.ts';
import {
  findAnswer,
  findMessage,
  insertMessage,
  type Message,
  recentHistory,
  setMessageAudio,
} from './queries/messages.ts';
import { voiceSettings } from './queries/profile.ts';
import { findScript } from './queries/scripts.ts';
import type { SpeechSynthesizer } from './speech/synthesizer.ts';
import { vocabularyUsed } from './words.ts';

/** How many earlier messages the partner sees. */
const HISTORY = 20;

export interface ReplyDependencies {
  engine: ConversationEngine;
  synthesizer: SpeechSynthesizer;
  files: FileStore;
  translator: Translator;
}

type ReplyJob = typeof speak.replyJob;

async function reply(
  deps: ReplyDependencies,
  job: JobContext<JobPayload<ReplyJob>>,
): Promise<JobResult<ReplyJob>> {
  const { conversationId, messageId } = job.payload;
  const { accountId } = job;
  const context = await job.withAccount(async (db) => {
    const done = await findAnswer(db, accountId, messageId, 'ai_response');
    const suggestion = await findAnswer(db, accountId, messageId, 'script_suggestion');
    const conversation = await findConversation(db, accountId, conversationId);
    const turn = await findMessage(db, accountId, messageId);
    const script = conversation?.scriptId ? await findScript(db, accountId, conversation.scriptId) : null;
    const history = await recentHistory(db, accountId, conversationId, messageId, HISTORY);
    const voice = conversation ? await voiceSettings(db, accountId, conversation.languagePair.target) : null;
    return { done, suggestion, conversation, turn, script, history, voice };
  });
  if (context.turn?.type === 'ai_response') return voiceLine(deps, job, context.turn, context.voice);
  if (context.done) {
    return {
      messageId: context.done.id,
      audioFileId: context.done.audioFileId,
      suggestionMessageId: context.suggestion?.id ?? null,
    };
  }
  const { conversation, turn, script } = context;
  if (!conversation || !turn)
    throw new JobFailure('conversation_missing', 'The conversation was deleted before the reply.', {
      retry: false,
    });

  const language = conversation.languagePair.target;
  const request = {
    conversation: {
      id: conversation.id,
      seed: conversation.seed,
      nativeLanguage: conversation.languagePair.native,
      targetLanguage: language,
      scenario: conversation.scenario,
      difficultyLevel: conversation.difficultyLevel,
    },
    script: script ? { title: script.title, segments: script.segments } : null,
    turn: { text: turn.content, number: conversation.userMessageCount, scriptSegment: turn.scriptSegment },
    history: context.history.map((message) => ({
      role: message.isAi ? ('assistant' as const) : ('user' as const),
      content: message.content,
    })),
  };
  let text = '';
  for await (const piece of deps.engine.reply(request, job.signal)) {
    text += piece;
    await job.withAccount((db) =>
      appendEvent(db, accountId, conversationId, 'delta', { replyTo: messageId, text: piece }),
    );
  }
  text = text.trim();
  if (text === '') throw new JobFailure('empty_reply', `The partner (${deps.engine.name}) answered nothing.`);
  await job.reportProgress(60);

  const voice = context.voice ?? { voice: null, rate: 1 };
  const wav = await deps.synthesizer.synthesize({ text, language, voice: voice.voice, rate: voice.rate });
  job.signal.throwIfAborted();
  await job.reportProgress(90);

  // A turn past the script's end (no segment) gets no script line back and no suggestion.
  const segment = turn.scriptSegment;
  const answered = script && segment !== null ? scriptReply(script.segments, segment) : null;
  const next =
    script && segment !== null ? nextLearnerLine(script.segments, answered?.order ?? segment) : null;
  // Translated before the last transaction: a hosted translator is not waited for inside it.
  const native = conversation.languagePair.native;
  const replyTranslation = await translation(deps.translator, text, language, native);
  const suggestionTranslation = next
    ? await translation(deps.translator, next.text, language, native)
    : { translatedContent: null, translationSource: null };
  return job.withAccount(async (db) => {
    // A private file of the learner, downloadable with ranges (`GET /v1/files/{id}`).
    const voiced = await deps.files.put(db, {
      accountId,
      bytes: wav,
      contentType: 'audio/wav',
      filename: 'reply.wav',
    });
    const message = await insertMessage(db, {
      accountId,
      conversationId,
      type: 'ai_response',
      content: text,
      language,
      ...replyTranslation,
      audioFileId: voiced.id,
      audioDurationMs: voiced.durationMs,
      scriptSegment: answered?.order ?? null,
      pronunciationAnalysis: null,
      grammarCorrections: null,
      vocabularyHighlights: script ? vocabularyUsed(text, script.vocabularyFocus, language) : null,
      replyTo: messageId,
    });
    await countPartnerMessage(db, accountId, conversationId, true);
    await appendEvent(db, accountId, conversationId, 'message', message);
    let suggestionMessageId: string | null = null;
    if (next) {
      const suggestion = await insertMessage(db, {
        accountId,
        conversationId,
        type: 'script_suggestion',
        content: next.text,
        language,
        ...suggestionTranslation,
        audioFileId: null,
        audioDurationMs: null,
        scriptSegment: next.order,
        pronunciationAnalysis: null,
        grammarCorrections: null,
        vocabularyHighlights: null,
        replyTo: messageId,
      });
      await countPartnerMessage(db, accountId, conversationId, false);
      await appendEvent(db, accountId, conversationId, 'message', suggestion);
      suggestionMessageId = suggestion.id;
    }
    const result = { messageId: message.id, audioFileId: voiced.id, suggestionMessageId };
    // The turn's last event: a client following this turn stops reading here.
    await appendEvent(db, accountId, conversationId, 'replied', { replyTo: messageId, ...result });
    return result;
  });
}

/**
 * A partner line written without a learner turn (a script's opening lines, stored as text when
 * the conversation starts): voiced like a reply, then appended again as a `message` event with
 * the same id, now with its `audioFileId`.
 */
async function voiceLine(
  deps: ReplyDependencies,
  job: JobContext<JobPayload<ReplyJob>>,
  line: Message,
  voice: { voice: string | null; rate: number } | null,
): Promise<JobResult<ReplyJob>> {
  const { accountId } = job;
  if (line.audioFileId)
    return { messageId: line.id, audioFileId: line.audioFileId, suggestionMessageId: null };
  const { voice: name, rate } = voice ?? { voice: null, rate: 1 };
  const wav = await deps.synthesizer.synthesize({
    text: line.content,
    language: line.language,
    voice: name,
    rate,
  });
  job.signal.throwIfAborted();
  return job.withAccount(async (db) => {
    const voiced = await deps.files.put(db, {
      accountId,
      bytes: wav,
      contentType: 'audio/wav',
      filename: 'line.wav',
    });
    const message = await setMessageAudio(db, accountId, line.id, {
      fileId: voiced.id,
      durationMs: voiced.durationMs,
    });
    // Voiced meanwhile by an earlier attempt whose end this one did not see: keep that voice.
    if (!message)
      throw new JobFailure('already_voiced', 'The line was voiced by an earlier attempt.', { retry: true });
    await appendEvent(db, accountId, line.conversationId, 'message', message);
    return { messageId: message.id, audioFileId: voiced.id, suggestionMessageId: null };
  });
}

/**
 * Tells the conversation's stream that a reply will not come: the job failed for good (no
 * attempt left, or a failure another attempt cannot change). A run that lost the job (canceled,
 * handed to another worker) says nothing.
 */
async function reportFailure(job: JobContext<JobPayload<ReplyJob>>, error: unknown) {
  if (job.signal.aborted || (isRetryable(error) && job.attempt < DEFAULT_MAX_ATTEMPTS)) return;
  const { conversationId, messageId } = job.payload;
  await job
    .withAccount((db) =>
      appendEvent(db, job.accountId, conversationId, 'failed', { replyTo: messageId, ...jobError(error) }),
    )
    // The conversation is gone (the reason it failed): there is no stream to tell.
    .catch(() => undefined);
}

export function createJobHandlers(deps: ReplyDependencies): Record<string, JobHandler> {
  return jobHandler(speak.replyJob, async (job) => {
    try {
      return await reply(deps, job);
    } catch (error) {
      await reportFailure(job, error);
      throw error;
    }
  });
}
